// Package jsonl analyses documents given as JSON lines and writes each
// result as one JSON line: the format of `extract --jsonl` and of the bulk
// pipeline, which share this code so that both print the same bytes for the
// same document.
//
// An input line is the JSON of an ExtractRequest, such as
// {"id": "a1", "text": "..."}. Its output line is the compact JSON of the
// ExtractResponse, or, when the document cannot be analysed, of a
// BatchExtractResult with the error:
//
//	call := jsonl.Local(ex)
//	out, failed := jsonl.Line(ctx, call, raw, n, jsonl.Defaults{})
//	if failed != nil { ... out is the error line; failed says why ... }
package jsonl
