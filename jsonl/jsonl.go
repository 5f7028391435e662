package jsonl

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode"

	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
	"github.com/entityextraction/extractd/server"
)

// Caller analyses one document, in-process or on a server. Its errors are
// gRPC status errors.
type Caller func(ctx context.Context, req *extractv1.ExtractRequest) (*extractv1.ExtractResponse, error)

// Local returns a Caller that analyses documents in-process with ex,
// exactly as the service does: the same validation, status codes and
// conversion of offsets, and a panic in a stage is an Internal error for
// that document only.
func Local(ex *extractor.Extractor) Caller {
	return server.New(ex, server.WithLogger(slog.New(slog.DiscardHandler))).Extract
}

// Defaults fill in what an input line leaves out.
type Defaults struct {
	Encoding extractv1.EncodingType // used when a line has no encodingType
	Features []extractv1.Feature    // used when a line has no features; none means all
	Date     *date.Date             // used when a line has no documentDate; nil means none
}

// Line analyses one input line, whose 1-based number in its file is n (it
// is named in the error for a line that is not an ExtractRequest), and
// returns its output line, without a newline. failed is nil when the
// document was analysed; otherwise it says why not, and out is the error
// line.
func Line(ctx context.Context, call Caller, raw []byte, n int, d Defaults) (out []byte, failed *status.Status) {
	req := &extractv1.ExtractRequest{}
	if err := server.JSONUnmarshalOptions.Unmarshal(raw, req); err != nil {
		// Recover the id, if there is one, to say which document failed.
		var idOnly struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(raw, &idOnly)
		st := status.New(codes.InvalidArgument, fmt.Sprintf("line %d: %v", n, err))
		return ErrorLine(idOnly.ID, st), st
	}
	if req.EncodingType == extractv1.EncodingType_ENCODING_TYPE_UNSPECIFIED {
		req.EncodingType = d.Encoding
	}
	if len(req.Features) == 0 {
		req.Features = d.Features
	}
	if req.DocumentDate == nil {
		req.DocumentDate = d.Date
	}
	return Request(ctx, call, req)
}

// Request analyses req and returns its output line, as [Line] does.
func Request(ctx context.Context, call Caller, req *extractv1.ExtractRequest) (out []byte, failed *status.Status) {
	resp, err := call(ctx, req)
	if err != nil {
		st := status.Convert(err)
		return ErrorLine(req.GetId(), st), st
	}
	b, err := server.MarshalJSONLine(resp)
	if err != nil {
		st := server.Status(slog.Default(), err)
		return ErrorLine(req.GetId(), st), st
	}
	return b, nil
}

// ErrorLine is the output line for a document that failed: the JSON of a
// BatchExtractResult with its id and error.
func ErrorLine(id string, st *status.Status) []byte {
	res := &extractv1.BatchExtractResult{
		Id:      strings.ToValidUTF8(id, "\uFFFD"),
		Outcome: &extractv1.BatchExtractResult_Error{Error: st.Proto()},
	}
	b, err := server.MarshalJSONLine(res)
	if err != nil { // cannot happen: every string is valid UTF-8
		b, _ = json.Marshal(map[string]string{"id": res.Id, "error": err.Error()})
	}
	return b
}

// encodings are the names of the offset units, in the form [normalizeName]
// gives them.
var encodings = map[string]extractv1.EncodingType{
	"utf8":       extractv1.EncodingType_ENCODING_TYPE_UTF8,
	"bytes":      extractv1.EncodingType_ENCODING_TYPE_UTF8,
	"utf16":      extractv1.EncodingType_ENCODING_TYPE_UTF16,
	"codeunits":  extractv1.EncodingType_ENCODING_TYPE_UTF16,
	"utf32":      extractv1.EncodingType_ENCODING_TYPE_UTF32,
	"ucs4":       extractv1.EncodingType_ENCODING_TYPE_UTF32,
	"codepoints": extractv1.EncodingType_ENCODING_TYPE_UTF32,
	"runes":      extractv1.EncodingType_ENCODING_TYPE_UTF32,
}

// normalizeName lowers s and drops dashes, underscores, spaces and the
// API's ENCODING_TYPE_ prefix: "UTF-16", "utf_16" and
// "ENCODING_TYPE_UTF16" all become "utf16".
func normalizeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', ' ':
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	return strings.TrimPrefix(s, "encodingtype")
}

var featureNames = map[string]extractv1.Feature{
	"people":        extractv1.Feature_FEATURE_PEOPLE,
	"places":        extractv1.Feature_FEATURE_PLACES,
	"organizations": extractv1.Feature_FEATURE_ORGANIZATIONS,
	"money":         extractv1.Feature_FEATURE_MONEY,
	"quotes":        extractv1.Feature_FEATURE_QUOTES,
	"custom":        extractv1.Feature_FEATURE_CUSTOM_ENTITIES,
}

// ParseEncoding parses the value of an --encoding flag: utf8 (also bytes),
// utf16 (also code-units) or utf32 (also code-points, runes, ucs4), in any
// case, with or without dashes and underscores (UTF-8, utf_16), or the
// API's name (ENCODING_TYPE_UTF16).
func ParseEncoding(s string) (extractv1.EncodingType, error) {
	enc, ok := encodings[normalizeName(s)]
	if !ok {
		return 0, fmt.Errorf("--encoding %q: want utf8 (bytes), utf16 (code units) or utf32 (code points)", s)
	}
	return enc, nil
}

// ParseFeatures parses the value of a --features flag: a comma-separated
// subset of people,places,organizations,money,quotes. "" is none, which
// means all.
func ParseFeatures(s string) ([]extractv1.Feature, error) {
	if s == "" {
		return nil, nil
	}
	var out []extractv1.Feature
	for _, name := range strings.Split(s, ",") {
		f, ok := featureNames[strings.TrimSpace(strings.ToLower(name))]
		if !ok {
			return nil, fmt.Errorf("--features: unknown feature %q", name)
		}
		out = append(out, f)
	}
	return out, nil
}

// ParseDate parses the value of a --date flag: YYYY-MM-DD, YYYY-MM or YYYY.
// "" is no date (nil).
func ParseDate(s string) (*date.Date, error) {
	if s == "" {
		return nil, nil
	}
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		if len(s) != len(layout) {
			continue
		}
		t, err := time.Parse(layout, s)
		if err != nil {
			break
		}
		d := &date.Date{Year: int32(t.Year())}
		if len(layout) > 4 {
			d.Month = int32(t.Month())
		}
		if len(layout) > 7 {
			d.Day = int32(t.Day())
		}
		return d, nil
	}
	return nil, fmt.Errorf("--date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
}
