package unlabeled

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecodeSGML(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"plain", "no references", "no references"},
		{"named", "&lt;Acme Inc&gt; pots &amp; pans &quot;x&quot; &apos;y&apos;", `<Acme Inc> pots & pans "x" 'y'`},
		{"end of body", "Reuter\n&#3;", "Reuter\n "},
		{"control characters", "&#5;&#22;&#1;f0704&#31;reute", "   f0704 reute"},
		{"delete", "5&#127;pct", "5 pct"},
		{"printable numeric", "caf&#233; &#x41;", "café A"},
		{"unknown name kept", "AT&T &nbsp; &foo;", "AT&T &nbsp; &foo;"},
		{"bare ampersand", "R&D & more", "R&D & more"},
		{"unterminated", "&lt", "&lt"},
		{"too long to be a reference", "&#12345678901234;", "&#12345678901234;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := decodeSGML(tt.in); got != tt.want {
				t.Errorf("decodeSGML(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// collect runs a reader over a testdata file and returns what it emitted.
func collect(t *testing.T, name string, read func(*os.File, Emit) error) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []string
	if err := read(f, func(s string) { got = append(got, s) }); err != nil {
		t.Fatalf("reading %s: %v", name, err)
	}
	return got
}

func TestReaders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		file string
		read func(*os.File, Emit) error
		want []string
	}{
		{
			name: "reuters bodies, unwrapped, decoded",
			file: "reuters.sgm",
			read: func(f *os.File, e Emit) error { return readReuters(f, e) },
			want: []string{
				"<Acme Widgets Inc> said first quarter profits rose to 12 mln dlrs from nine mln dlrs a year ago.",
				"The company said sales of pots & pans were strong.",
				"Reuter",
				"Prices fell 5 pct.",
			},
		},
		{
			name: "wikipedia without doc lines",
			file: "wiki.txt",
			read: func(f *os.File, e Emit) error { return readWiki(f, e) },
			want: []string{
				"Lighthouse",
				"A lighthouse is a tower that emits light.",
				"History.",
				"The first lighthouses were fires on hills.",
				"Harbour",
				"A harbour is sheltered water.",
			},
		},
		{
			name: "masc tags stripped at the last underscore",
			file: "masc/written/news1.txt",
			read: func(f *os.File, e Emit) error { return readTagged(f, '_', e) },
			want: []string{"The mayor of Springfield spoke .", "She said : 3/4 ."},
		},
		{
			name: "brown tags stripped at the last slash",
			file: "brown.txt",
			read: func(f *os.File, e Emit) error { return readTagged(f, '/', e) },
			want: []string{"The jury said Friday .", "Fulton County voted 1/2 ."},
		},
		{
			name: "conll first column by sentence",
			file: "conll.txt",
			read: func(f *os.File, e Emit) error { return readCoNLL(f, e) },
			want: []string{"EU rejects calls .", "Peter Blackburn", "BRUSSELS"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := collect(t, tt.file, tt.read)
			if !slices.Equal(got, tt.want) {
				t.Errorf("reading %s:\n got %q\nwant %q", tt.file, got, tt.want)
			}
		})
	}
}

func TestReadReutersUnclosedBody(t *testing.T) {
	t.Parallel()
	err := readReuters(strings.NewReader("<BODY>text without end"), func(string) {})
	if err == nil {
		t.Error("readReuters(unclosed <BODY>) = nil; want an error")
	}
}

func TestMascFilesSkipsSpamAndEmail(t *testing.T) {
	t.Parallel()
	got, err := mascFiles(filepath.Join("testdata", "masc"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"spoken/talk1.txt", "written/news1.txt"}
	if !slices.Equal(got, want) {
		t.Errorf("mascFiles = %q; want %q", got, want)
	}
}

func FuzzDecodeSGML(f *testing.F) {
	for _, s := range []string{"&lt;a&gt;", "&#3;", "&#x41;&#65;", "a & b", "&#99999999;", "&;", "&#;", "&#x;", "caf\xe9 &amp;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := decodeSGML(s)
		if !strings.Contains(s, "&") && got != s {
			t.Errorf("decodeSGML(%q) = %q; want the input unchanged", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("decodeSGML(%q) = %q is not valid UTF-8", s, got)
		}
		if len(got) > len(s) {
			t.Errorf("decodeSGML(%q) = %q is longer than its input", s, got)
		}
	})
}
