package conll

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Sentence is one sentence of a CoNLL file: its tokens and their entity tags
// in IOB2 form ("B-PER", "I-PER", "O"), whatever form the file used.
type Sentence struct {
	Tokens []string
	Tags   []string
}

// Document is the run of sentences between two -DOCSTART- lines.
type Document struct {
	Sentences []Sentence
}

// Span is an entity: tokens First to Last (half-open) of a document, counted
// over all its sentences, and its type ("PER", "LOC", "ORG", "MISC").
type Span struct {
	First, Last int
	Type        string
}

// Read parses a CoNLL file: one token per line with the entity tag in the
// last column, blank lines between sentences and -DOCSTART- lines between
// documents. Tags may be IOB1 (the original CoNLL-2003 scheme) or IOB2; they
// are returned as IOB2. A file without -DOCSTART- lines is one document.
func Read(r io.Reader) ([]Document, error) {
	var b builder
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) == 0:
			b.endSentence()
		case fields[0] == "-DOCSTART-":
			b.endDocument()
		case len(fields) < 2:
			return nil, fmt.Errorf("conll: line %d: want a token and a tag, got %q", line, sc.Text())
		default:
			tag := fields[len(fields)-1]
			if tag != "O" && (len(tag) < 3 || tag[1] != '-' || strings.IndexByte("BIELSU", tag[0]) < 0) {
				return nil, fmt.Errorf("conll: line %d: bad tag %q", line, tag)
			}
			b.add(fields[0], tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conll: %w", err)
	}
	b.endDocument()
	return b.docs, nil
}

// builder collects tokens into sentences and sentences into documents,
// leaving out empty ones.
type builder struct {
	docs []Document
	doc  Document
	sent Sentence
}

func (b *builder) add(token, tag string) {
	b.sent.Tokens = append(b.sent.Tokens, token)
	b.sent.Tags = append(b.sent.Tags, tag)
}

func (b *builder) endSentence() {
	if len(b.sent.Tokens) > 0 {
		b.sent.Tags = toIOB2(b.sent.Tags)
		b.doc.Sentences = append(b.doc.Sentences, b.sent)
	}
	b.sent = Sentence{}
}

func (b *builder) endDocument() {
	b.endSentence()
	if len(b.doc.Sentences) > 0 {
		b.docs = append(b.docs, b.doc)
	}
	b.doc = Document{}
}

// toIOB2 rewrites IOB1, IOB2 or BILOU tags as IOB2: every entity starts with
// B-, and an I- tag that does not continue an entity of its type starts one.
func toIOB2(tags []string) []string {
	out := make([]string, len(tags))
	prev := "O"
	for i, t := range tags {
		if t == "O" {
			out[i] = t
			prev = t
			continue
		}
		typ := t[2:]
		switch t[0] {
		case 'B', 'U', 'S':
			out[i] = "B-" + typ
		default: // I, L, E
			if prev == "O" || prev[2:] != typ || prev[0] == 'L' || prev[0] == 'E' || prev[0] == 'U' || prev[0] == 'S' {
				out[i] = "B-" + typ
			} else {
				out[i] = "I-" + typ
			}
		}
		prev = t
	}
	return out
}

// Spans returns the entities of IOB2 tags, with token indices offset by base.
func Spans(tags []string, base int) []Span {
	var spans []Span
	for i := 0; i < len(tags); i++ {
		if tags[i] == "O" {
			continue
		}
		typ := tags[i][2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+typ {
			j++
		}
		spans = append(spans, Span{First: base + i, Last: base + j, Type: typ})
		i = j - 1
	}
	return spans
}

// Entities returns the gold entities of d, in document token indices.
func (d Document) Entities() []Span {
	var spans []Span
	base := 0
	for _, s := range d.Sentences {
		spans = append(spans, Spans(s.Tags, base)...)
		base += len(s.Tokens)
	}
	return spans
}

// NumTokens is the number of tokens in d.
func (d Document) NumTokens() int {
	n := 0
	for _, s := range d.Sentences {
		n += len(s.Tokens)
	}
	return n
}

// Offset is where a CoNLL token lies in the text made by [Document.Text].
type Offset struct{ Start, End int }

// Text returns d as raw text, the tokens of a sentence joined by single
// spaces and the sentences by newlines, and where each token lies in it.
func (d Document) Text() (string, []Offset) {
	var b strings.Builder
	offs := make([]Offset, 0, d.NumTokens())
	for si, s := range d.Sentences {
		if si > 0 {
			b.WriteByte('\n')
		}
		for ti, t := range s.Tokens {
			if ti > 0 {
				b.WriteByte(' ')
			}
			offs = append(offs, Offset{b.Len(), b.Len() + len(t)})
			b.WriteString(t)
		}
	}
	return b.String(), offs
}

// ReadUniversalNER parses a Universal NER file (.iob2): CoNLL-U-like lines
// of ID, FORM and an IOB2 tag, "# newdoc id" comments opening documents,
// blank lines between sentences. Multiword-token and empty-node lines are
// skipped.
func ReadUniversalNER(r io.Reader) ([]Document, error) {
	var b builder
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		switch {
		case strings.HasPrefix(text, "# newdoc"):
			b.endDocument()
		case strings.HasPrefix(text, "#"):
		case strings.TrimSpace(text) == "":
			b.endSentence()
		default:
			cols := strings.Split(text, "\t")
			if len(cols) < 3 {
				return nil, fmt.Errorf("conll: line %d: want ID, FORM and TAG columns", line)
			}
			if !strings.ContainsAny(cols[0], "-.") { // not a multiword token or an empty node
				b.add(cols[1], cols[2])
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	b.endDocument()
	return b.docs, nil
}
