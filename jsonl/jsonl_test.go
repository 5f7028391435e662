package jsonl_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc/codes"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
	"github.com/entityextraction/extractd/jsonl"
)

func TestLine(t *testing.T) {
	ex, err := extractor.New()
	if err != nil {
		t.Fatal(err)
	}
	call := jsonl.Local(ex)
	tests := []struct {
		name, in string
		code     codes.Code // codes.OK: analysed
		want     string     // a substring of the output line
	}{
		{"good", `{"id":"a","text":"Angela Merkel visited Paris."}`, codes.OK, `{"id":"a","people":[{"id":"p1","name":"Angela Merkel"`},
		{"defaults apply", `{"id":"b","text":"Angela Merkel visited Paris."}`, codes.OK, `"places":[]`},
		{"empty text", `{"id":"c","text":"  "}`, codes.InvalidArgument, `{"id":"c","error":{"code":3,"message":"text is empty or only white space"`},
		{"not JSON", `{"id":"d","text":`, codes.InvalidArgument, `"message":"line 7: `},
		{"unknown field", `{"id":"e","txt":"x"}`, codes.InvalidArgument, `{"id":"e","error":{"code":3,"message":"line 7: `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := jsonl.Defaults{}
			if tt.name == "defaults apply" {
				d.Features = []extractv1.Feature{extractv1.Feature_FEATURE_PEOPLE}
			}
			out, failed := jsonl.Line(context.Background(), call, []byte(tt.in), 7, d)
			if got := failed.Code(); got != tt.code {
				t.Errorf("Line(%s) failed with %v; want %v", tt.in, got, tt.code)
			}
			if !strings.Contains(string(out), tt.want) {
				t.Errorf("Line(%s) = %s; want it to contain %s", tt.in, out, tt.want)
			}
			if strings.Contains(string(out), "\n") {
				t.Errorf("Line(%s) = %q; want one line", tt.in, out)
			}
		})
	}
}

func TestParseFlags(t *testing.T) {
	if enc, err := jsonl.ParseEncoding("UTF16"); err != nil || enc != extractv1.EncodingType_ENCODING_TYPE_UTF16 {
		t.Errorf("ParseEncoding(UTF16) = %v, %v; want UTF16", enc, err)
	}
	if _, err := jsonl.ParseEncoding("latin1"); err == nil {
		t.Error("ParseEncoding(latin1) succeeded; want an error")
	}
	fs, err := jsonl.ParseFeatures("people, money")
	if err != nil || len(fs) != 2 || fs[0] != extractv1.Feature_FEATURE_PEOPLE || fs[1] != extractv1.Feature_FEATURE_MONEY {
		t.Errorf("ParseFeatures(people, money) = %v, %v", fs, err)
	}
	if fs, err := jsonl.ParseFeatures(""); err != nil || fs != nil {
		t.Errorf(`ParseFeatures("") = %v, %v; want none`, fs, err)
	}
	if _, err := jsonl.ParseFeatures("people,weather"); err == nil {
		t.Error("ParseFeatures(people,weather) succeeded; want an error")
	}
}

func TestParseEncoding(t *testing.T) {
	t.Parallel()
	const (
		u8  = extractv1.EncodingType_ENCODING_TYPE_UTF8
		u16 = extractv1.EncodingType_ENCODING_TYPE_UTF16
		u32 = extractv1.EncodingType_ENCODING_TYPE_UTF32
	)
	for in, want := range map[string]extractv1.EncodingType{
		"utf8": u8, "UTF-8": u8, "utf_8": u8, "bytes": u8, "ENCODING_TYPE_UTF8": u8,
		"utf16": u16, "UTF-16": u16, "UTF_16": u16, "Utf16": u16, "code-units": u16, "encoding_type_utf16": u16,
		"utf32": u32, "utf-32": u32, "UTF 32": u32, "codepoints": u32, "code_points": u32, "runes": u32, "UCS-4": u32,
	} {
		if got, err := jsonl.ParseEncoding(in); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "latin1", "utf7", "ENCODING_TYPE_UNSPECIFIED", "utf-16le"} {
		if got, err := jsonl.ParseEncoding(in); err == nil {
			t.Errorf("ParseEncoding(%q) = %v; want an error", in, got)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // the date as year-month-day, "" for none, "error" for an error
	}{
		{"", ""},
		{"1995-06-01", "1995-6-1"},
		{"2003-05", "2003-5-0"},
		{"1990", "1990-0-0"},
		{"1995-13-01", "error"},
		{"1995-02-30", "error"},
		{"95-06-01", "error"},
		{"1995/06/01", "error"},
		{"June 1995", "error"},
	} {
		d, err := jsonl.ParseDate(tt.in)
		got := ""
		switch {
		case err != nil:
			got = "error"
		case d != nil:
			got = fmt.Sprintf("%d-%d-%d", d.Year, d.Month, d.Day)
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, d, err, tt.want)
		}
	}
}

func TestLineDefaultDate(t *testing.T) {
	ex, err := extractor.New()
	if err != nil {
		t.Fatal(err)
	}
	call := jsonl.Local(ex)
	d := jsonl.Defaults{Date: &date.Date{Year: 1995, Month: 6, Day: 1}}
	for _, tt := range []struct{ in, want string }{
		{`{"text":"Gazprom paid 5 billion roubles."}`, `"currencyCode":"RUR"`},
		{`{"text":"Gazprom paid 5 billion roubles.","documentDate":{"year":2020}}`, `"currencyCode":"RUB"`},
	} {
		out, failed := jsonl.Line(context.Background(), call, []byte(tt.in), 1, d)
		if failed != nil || !strings.Contains(string(out), tt.want) {
			t.Errorf("Line(%s, default date 1995-06-01) = %s, %v; want it to contain %s", tt.in, out, failed, tt.want)
		}
	}
}
