package server

import (
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/entityextraction/extractd/extractor/dictionary"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// Limits on the dictionary a request carries (ExtractRequest.dictionary),
// so that compiling it costs little next to the extraction itself.
const (
	MaxInlineEntries       = 100
	MaxInlineBytes         = 64 << 10 // all phrases, patterns, names, IDs, types and metadata
	MaxInlinePhrases       = 16       // per entry
	MaxInlinePhraseBytes   = 256
	MaxInlinePatternBytes  = 256
	MaxInlinePatterns      = 8 // in all
	MaxInlineMetadata      = 16
	MaxInlineMetadataBytes = 256 // per key or value, and per name, ID and type
)

// ErrBadDictionary wraps every problem with a request's dictionary.
var ErrBadDictionary = errors.New("bad dictionary")

// inlineDictionary compiles the dictionary of req, or returns nil when it
// has none. Its errors name the entry at fault: "dictionary[3]: ...".
func inlineDictionary(req *extractv1.ExtractRequest) (*dictionary.Dictionary, error) {
	list := req.GetDictionary()
	if len(list) == 0 {
		return nil, nil
	}
	if len(list) > MaxInlineEntries {
		return nil, fmt.Errorf("%w: %d entries, the limit is %d", ErrBadDictionary, len(list), MaxInlineEntries)
	}
	entries := make([]dictionary.Entry, len(list))
	total, patterns := 0, 0
	for i, pe := range list {
		bad := func(format string, args ...any) error {
			return fmt.Errorf("%w: dictionary[%d]: %s", ErrBadDictionary, i, fmt.Sprintf(format, args...))
		}
		if n := len(pe.GetPhrases()); n > MaxInlinePhrases {
			return nil, bad("%d phrases, the limit is %d", n, MaxInlinePhrases)
		}
		for k, p := range pe.GetPhrases() {
			if len(p) > MaxInlinePhraseBytes {
				return nil, bad("phrases[%d] is %d bytes, the limit is %d", k, len(p), MaxInlinePhraseBytes)
			}
			total += len(p)
		}
		if p := pe.GetPattern(); p != "" {
			if len(p) > MaxInlinePatternBytes {
				return nil, bad("the pattern is %d bytes, the limit is %d", len(p), MaxInlinePatternBytes)
			}
			if patterns++; patterns > MaxInlinePatterns {
				return nil, bad("more than %d patterns in the dictionary", MaxInlinePatterns)
			}
			total += len(p)
		}
		if n := len(pe.GetMetadata()); n > MaxInlineMetadata {
			return nil, bad("%d metadata keys, the limit is %d", n, MaxInlineMetadata)
		}
		for k, v := range pe.GetMetadata() {
			if len(k) > MaxInlineMetadataBytes || len(v) > MaxInlineMetadataBytes {
				return nil, bad("metadata %q: keys and values are at most %d bytes", truncate(k, 40), MaxInlineMetadataBytes)
			}
			total += len(k) + len(v)
		}
		for _, f := range [...]struct{ what, s string }{{"name", pe.GetName()}, {"external_id", pe.GetExternalId()}, {"type", pe.GetType()}} {
			if len(f.s) > MaxInlineMetadataBytes {
				return nil, bad("the %s is %d bytes, the limit is %d", f.what, len(f.s), MaxInlineMetadataBytes)
			}
			total += len(f.s)
		}
		if total > MaxInlineBytes {
			return nil, bad("the dictionary is over %d bytes", MaxInlineBytes)
		}
		entries[i] = dictionary.Entry{
			Phrases: pe.GetPhrases(), Pattern: pe.GetPattern(), Type: pe.GetType(), Name: pe.GetName(),
			ID: pe.GetExternalId(), Metadata: maps.Clone(pe.GetMetadata()), CaseSensitive: pe.GetCaseSensitive(),
		}
	}
	d, err := dictionary.New(entries, dictionary.Options{})
	var list2 dictionary.ErrorList
	if errors.As(err, &list2) && len(list2) > 0 {
		e, more := list2[0], ""
		if len(list2) > 1 {
			more = fmt.Sprintf(" (and %d more errors)", len(list2)-1)
		}
		return nil, fmt.Errorf("%w: dictionary[%d]: %v%s", ErrBadDictionary, e.Entry, e.Err, more)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadDictionary, err)
	}
	return d, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
