// The peer side of make bench-peer: @cloud-copilot/iam-simulate decides the
// same requests as bench/eval_bench.c, in one long-lived process.
//   node simulate.mjs SECONDS SHAPE   (SHAPE: externalid | irsa | github)
// Prints "decisions_per_second decision-for-the-allowed-case decision-for-the-denied-case"
// (the peer's own decisions, so that a wrong one shows next to its speed).
import { runSimulation } from '@cloud-copilot/iam-simulate'

const shape = process.argv[3] || 'externalid'
const role = { resource: 'arn:aws:iam::111122223333:role/payments', accountId: '111122223333' }
const base = { identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [] }

function oidcShape (host, good, bad) {
  const provider = `arn:aws:iam::111122223333:oidc-provider/${host}`
  const policy = {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Federated: provider },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${host}:sub`]: good, [`${host}:aud`]: 'sts.amazonaws.com' } }
    }]
  }
  const sim = (sub) => ({
    ...base,
    request: {
      principal: provider, action: 'sts:AssumeRoleWithWebIdentity', resource: role,
      contextVariables: { [`${host}:sub`]: sub, [`${host}:aud`]: 'sts.amazonaws.com' }
    },
    resourcePolicy: policy
  })
  return [sim(good), sim(bad)]
}

function externalIdShape () {
  const caller = 'arn:aws:iam::111122223333:role/Caller'
  const policy = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: caller }, Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'acme-7f3c9a' } } }]
  }
  const sim = (ext) => ({
    ...base,
    request: { principal: caller, action: 'sts:AssumeRole', resource: role, contextVariables: { 'sts:ExternalId': ext } },
    resourcePolicy: policy
  })
  return [sim('acme-7f3c9a'), sim('guess')]
}

const [allow, deny] = shape === 'irsa'
  ? oidcShape('oidc.eks.us-west-2.amazonaws.com/id/5C4E9F2A1B3D4E5F60718293A4B5C6D7',
    'system:serviceaccount:payments:api', 'system:serviceaccount:payments:default')
  : shape === 'github'
    ? oidcShape('token.actions.githubusercontent.com', 'repo:acme/deploy:ref:refs/heads/main',
      'repo:evil/deploy:ref:refs/heads/main')
    : externalIdShape()

const decision = (r) => r.resultType === 'error' ? 'error' : r.result.analysis.result
const first = [decision(await runSimulation(allow, {})), decision(await runSimulation(deny, {}))]
const seconds = Number(process.argv[2] || 2)
let n = 0
const t0 = process.hrtime.bigint()
let t = t0
while (Number(t - t0) / 1e9 < seconds) {
  for (let i = 0; i < 100; i++) await runSimulation(i & 1 ? deny : allow, {})
  n += 100
  t = process.hrtime.bigint()
}
console.log(`${(n / (Number(t - t0) / 1e9)).toFixed(0)} ${first[0]} ${first[1]}`)
