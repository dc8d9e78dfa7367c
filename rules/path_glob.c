/*
 * path_glob.c - the path globs of .trustlint.json's ignores (config.h):
 * '*' and '?' within a segment, '**' across '/'.  (Org rules' condition
 * key globs are tables.c's glob_ieq, case-insensitive as IAM compares
 * key names.)
 */
#include <fnmatch.h>
#include <stdbool.h>
#include <string.h>

#include "config.h"

/* One path segment against one pattern segment ('*' and '?' stay inside it). */
static bool segment_match(const char *pat, size_t plen, const char *s, size_t slen)
{
	char p[1024], v[1024];

	if (plen >= sizeof(p) || slen >= sizeof(v))
		return false;
	memcpy(p, pat, plen);
	p[plen] = '\0';
	memcpy(v, s, slen);
	v[slen] = '\0';
	return fnmatch(p, v, FNM_PERIOD) == 0;
}

/*
 * Segment by segment, '**' standing for any number of whole segments, with
 * one backtrack point (the latest '**'), as the value glob does with '*':
 * linear in the number of segments times the pattern's, never exponential.
 */
bool path_glob(const char *pat, const char *path)
{
	const char *star_pat = NULL, *star_path = NULL;

	for (;;) {
		size_t pl = strcspn(pat, "/"), sl = strcspn(path, "/");

		if (pl == 2 && pat[0] == '*' && pat[1] == '*') {
			pat += pat[2] == '/' ? 3 : 2;
			star_pat = pat;
			star_path = path;
			if (!*pat)
				return true; /* a trailing ** takes the rest */
			continue;
		}
		if (*path && *pat && segment_match(pat, pl, path, sl)) {
			pat += pl + (pat[pl] == '/');
			path += sl + (path[sl] == '/');
			if (!*pat && !*path)
				return true;
			if (*pat && *path)
				continue;
		}
		if (!star_pat || !*star_path)
			return false;
		/* let the latest ** take one more segment */
		star_path += strcspn(star_path, "/");
		star_path += *star_path == '/';
		pat = star_pat;
		path = star_path;
	}
}
