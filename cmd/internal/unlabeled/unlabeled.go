// Package unlabeled reads the unlabeled corpora of the shared data
// directory (Reuters-21578 bodies, English Wikipedia, the NLTK State of the
// Union and MASC texts, optionally Brown and the words of CoNLL-2003 train)
// as units of raw text, for the commands that learn statistics from them.
package unlabeled

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Emit receives one unit of raw text: a paragraph, a line or a sentence.
// Each unit is tokenized and segmented on its own; no bigram spans two units.
type Emit func(text string)

// maxLine bounds the length of one line in the line-oriented corpora.
const MaxLine = 16 << 20

// decodeSGML replaces the SGML character references of the Reuters-21578
// files: the named entities &lt; &gt; &amp; &quot; &apos; and numeric
// references &#N; and &#xN;. References to control characters (&#3; ends a
// body, &#2; starts one) become a space, so they never glue words together.
// Anything that is not a well-formed reference is kept as it is.
func decodeSGML(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '&' {
			b.WriteByte(c)
			i++
			continue
		}
		semi := strings.IndexByte(s[i:], ';')
		if semi < 2 || semi > 10 {
			b.WriteByte(c)
			i++
			continue
		}
		name := s[i+1 : i+semi]
		r, ok := entityRune(name)
		if !ok {
			b.WriteByte(c)
			i++
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || !utf8.ValidRune(r) {
			b.WriteByte(' ')
		} else {
			b.WriteRune(r)
		}
		i += semi + 1
	}
	return b.String()
}

// entityRune returns the character an SGML reference name (without & and ;)
// stands for.
func entityRune(name string) (rune, bool) {
	switch name {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	digits, base := name[1:], 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil {
		return 0, false
	}
	return rune(n), true
}

// readReuters emits the paragraphs of every <BODY> of a Reuters-21578 SGML
// file. Body lines are hard-wrapped at about 70 columns and a paragraph starts
// with an indented line, so wrapped lines are joined back into paragraphs.
func readReuters(r io.Reader, emit Emit) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	const open, close = "<BODY>", "</BODY>"
	for {
		i := bytes.Index(data, []byte(open))
		if i < 0 {
			return nil
		}
		data = data[i+len(open):]
		j := bytes.Index(data, []byte(close))
		if j < 0 {
			return fmt.Errorf("reuters: <BODY> without </BODY>")
		}
		emitParagraphs(decodeSGML(string(data[:j])), emit)
		data = data[j+len(close):]
	}
}

// emitParagraphs joins hard-wrapped lines into paragraphs: a paragraph ends
// at a blank line or before a line that starts with white space.
func emitParagraphs(body string, emit Emit) {
	var para []string
	flush := func() {
		if len(para) > 0 {
			emit(strings.Join(para, " "))
			para = para[:0]
		}
	}
	for line := range strings.SplitSeq(body, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			flush()
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			flush()
		}
		para = append(para, trimmed)
	}
	flush()
}

// readWiki emits the lines of a WikiExtractor file (one paragraph or title
// per line) and drops the <doc ...> and </doc> lines around each article.
func readWiki(r io.Reader, emit Emit) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLine)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "<doc ") || line == "</doc>" {
			continue
		}
		emit(line)
	}
	return sc.Err()
}

// readPlain emits every non-blank line of a plain-text file.
func readPlain(r io.Reader, emit Emit) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLine)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			emit(line)
		}
	}
	return sc.Err()
}

// readTagged emits the lines of a POS-tagged file with the tags stripped:
// each token is word<sep>TAG, and the word is what comes before the last sep
// (Brown uses '/', MASC '_'). A token without sep is kept whole.
func readTagged(r io.Reader, sep byte, emit Emit) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLine)
	var words []string
	for sc.Scan() {
		words = words[:0]
		for _, tok := range strings.Fields(sc.Text()) {
			if k := strings.LastIndexByte(tok, sep); k > 0 {
				tok = tok[:k]
			}
			words = append(words, tok)
		}
		if len(words) > 0 {
			emit(strings.Join(words, " "))
		}
	}
	return sc.Err()
}

// readCoNLL emits the sentences of a CoNLL-2003 file (the first column of
// each line; blank lines end sentences) and skips -DOCSTART- lines. Only the
// words are read, never the labels.
func readCoNLL(r io.Reader, emit Emit) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLine)
	var words []string
	flush := func() {
		if len(words) > 0 {
			emit(strings.Join(words, " "))
			words = words[:0]
		}
	}
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			flush()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			flush()
			continue
		}
		words = append(words, fields[0])
	}
	flush()
	return sc.Err()
}

// mascSkip lists the MASC genres left out: spam and e-mail are noisy and
// unlike the news and encyclopedic text the tagger sees.
var mascSkip = map[string]bool{"spam": true, "email": true}

// mascFiles returns the MASC files to read, relative to dir, from its
// categories.txt ("path genre" per line), without the genres in mascSkip.
func mascFiles(dir string) ([]string, error) {
	f, err := os.Open(filepath.Join(dir, "categories.txt"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var files []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 2 || mascSkip[fields[1]] {
			continue
		}
		files = append(files, fields[0])
	}
	sort.Strings(files)
	return files, sc.Err()
}

// Source is one corpus: the files to read and how to read each.
type Source struct {
	Name  string
	Files []string
	read  func(io.Reader, Emit) error
}

// Sources lists the corpora under dataDir (the shared data directory). Brown
// is included only if withBrown is set (its licence is non-commercial), and
// the CoNLL-2003 training text only if withCoNLL is set. The development and
// test splits are never read.
func Sources(dataDir string, withBrown, withCoNLL bool) ([]Source, error) {
	un := filepath.Join(dataDir, "unlabeled")
	glob := func(pattern string) ([]string, error) {
		m, err := filepath.Glob(pattern)
		if err != nil {
			return nil, err
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("no files match %s", pattern)
		}
		sort.Strings(m)
		return m, nil
	}
	var srcs []Source
	reut, err := glob(filepath.Join(un, "reuters21578", "reut2-*.sgm"))
	if err != nil {
		return nil, err
	}
	srcs = append(srcs, Source{"reuters21578", reut, readReuters})
	wiki, err := glob(filepath.Join(un, "wikipedia-en-2015", "wiki_*"))
	if err != nil {
		return nil, err
	}
	srcs = append(srcs, Source{"wikipedia-en-2015", wiki, readWiki})
	su, err := glob(filepath.Join(un, "nltk-corpora", "state_union", "*.txt"))
	if err != nil {
		return nil, err
	}
	srcs = append(srcs, Source{"state_union", su, readPlain})
	mascDir := filepath.Join(un, "nltk-corpora", "masc_tagged")
	masc, err := mascFiles(mascDir)
	if err != nil {
		return nil, err
	}
	for i, f := range masc {
		masc[i] = filepath.Join(mascDir, f)
	}
	srcs = append(srcs, Source{"masc_tagged", masc, func(r io.Reader, emit Emit) error { return readTagged(r, '_', emit) }})
	if withBrown {
		brown, err := glob(filepath.Join(un, "nltk-corpora", "brown", "c[a-r][0-9][0-9]"))
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, Source{"brown", brown, func(r io.Reader, emit Emit) error { return readTagged(r, '/', emit) }})
	}
	if withCoNLL {
		srcs = append(srcs, Source{"conll2003-train", []string{filepath.Join(dataDir, "conll2003", "train.txt")}, readCoNLL})
	}
	return srcs, nil
}

// Read reads every file of the corpus, in order, into emit.
func (src Source) Read(emit Emit) error {
	for _, path := range src.Files {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		err = src.read(bufio.NewReaderSize(f, 1<<20), emit)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return nil
}
