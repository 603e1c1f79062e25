/**
 * GitHub size limits, in one place. Source and evidence: /work/shared/reference/peer-bots.md §3
 * ("Hard GitHub platform limits") and the REST docs for check-run annotations.
 *
 * GitHub counts characters; we measure with `String.length` (UTF-16 code units), which is never
 * smaller than the code-point count, so staying under a limit by `.length` is always safe.
 */

/** Issue/PR comment body: 422 "Body is too long (maximum is 65536 characters)". */
export const COMMENT_BODY_MAX = 65_536;

/** Check run `output.summary` and `output.text`, each: 422 "Only 65535 characters are allowed". */
export const CHECK_SUMMARY_MAX = 65_535;
export const CHECK_TEXT_MAX = 65_535;

/** Check run annotations per create/update request; later updates append. */
export const ANNOTATIONS_PER_REQUEST = 50;

/** Annotation `message` and `raw_details`: "The maximum size is 64 KB" (measured in UTF-8 bytes here). */
export const ANNOTATION_MESSAGE_MAX_BYTES = 64 * 1024;
export const ANNOTATION_RAW_DETAILS_MAX_BYTES = 64 * 1024;

/** Annotation `title`: 255 characters. */
export const ANNOTATION_TITLE_MAX = 255;

/**
 * SARIF results per run: code scanning rejects a run above 25,000 ("Analysis SARIF file rejected due to
 * result limits") and stores only the 5,000 most severe (docs: code scanning, "SARIF results exceed limit").
 */
export const SARIF_RESULTS_MAX = 25_000;
