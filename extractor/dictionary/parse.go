package dictionary

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Format is the layout of a dictionary file.
type Format uint8

// The formats. [FormatAuto] picks one from the file name's extension:
// .jsonl, .ndjson and .json are JSON Lines, .csv is CSV, anything else is
// TSV.
const (
	FormatAuto Format = iota
	JSONL
	TSV
	CSV
)

func (f Format) String() string {
	switch f {
	case JSONL:
		return "jsonl"
	case TSV:
		return "tsv"
	case CSV:
		return "csv"
	}
	return "auto"
}

// FormatOf returns the format [FormatAuto] picks for a file name.
func FormatOf(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson", ".json":
		return JSONL
	case ".csv":
		return CSV
	}
	return TSV
}

// maxLineBytes is the longest line of a dictionary file.
const maxLineBytes = 1 << 20

// ParseFile reads the entries of a dictionary file, in the format its name
// says (see [FormatOf]).
func ParseFile(path string) ([]Entry, ErrorList, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	entries, bad := Parse(f, path, FormatOf(path))
	return entries, bad, nil
}

// Parse reads dictionary entries in format f from r; name is the file name
// used in positions and errors. It returns the entries of the good lines,
// each with its Source, and an error for each bad line. Blank lines and
// lines starting with # are skipped.
//
// JSON Lines: one object per line with the fields phrase (a string),
// phrases or aliases (lists of strings), pattern, type (required), name, id
// (or external_id), metadata (an object of strings; numbers and booleans are
// kept as written) and case_sensitive (a boolean). Unknown fields are an
// error, so that a misspelt field is not silently ignored.
//
// TSV and CSV: the first line names the columns: phrase, aliases (several
// separated by "|"), pattern, type (required), name, id (or external_id),
// case_sensitive (true/false, yes/no, 1/0) in any order and case; every
// other column is a metadata key, and an empty cell leaves it out. TSV cells
// are split at tabs as they are, without quoting; CSV follows RFC 4180.
func Parse(r io.Reader, name string, f Format) ([]Entry, ErrorList) {
	var entries []Entry
	bad := parse(r, name, f, false, func(e *Entry) error {
		if _, err := e.check(); err != nil {
			return err
		}
		if e.Pattern != "" {
			if _, err := compilePattern(e.Pattern, e.CaseSensitive); err != nil {
				return err
			}
		}
		entries = append(entries, *e)
		return nil
	})
	return entries, bad
}

// parse calls emit for each entry read; an error from emit is reported at
// the entry's line. With reuse, the entries given to emit share their
// slices and maps: emit must not keep them.
func parse(r io.Reader, name string, f Format, reuse bool, emit func(*Entry) error) ErrorList {
	if f == FormatAuto {
		f = FormatOf(name)
	}
	p := &parser{name: name, emit: emit, reuse: reuse}
	switch f {
	case JSONL:
		p.lines(r, p.jsonLine)
	case CSV:
		p.csv(r)
	default:
		p.lines(r, p.tsvLine)
	}
	return p.errs
}

type parser struct {
	name   string
	emit   func(*Entry) error
	reuse  bool
	errs   ErrorList
	header *header
	// scratch is the entry TSV and CSV rows are read into with reuse.
	scratch Entry
}

// maxErrors is the most bad lines reported for one file.
const maxErrors = 1000

func (p *parser) fail(line int, err error) {
	if len(p.errs) == maxErrors {
		err = fmt.Errorf("too many bad lines; the rest of the file is not checked")
	} else if len(p.errs) > maxErrors {
		return
	}
	p.errs = append(p.errs, &Error{Pos: Position{p.name, line}, Entry: -1, Err: err})
}

func (p *parser) add(line int, e *Entry) {
	e.Source = Position{p.name, line}
	if err := p.emit(e); err != nil {
		p.fail(line, err)
	}
}

// lines calls do for each line that is not blank or a comment.
func (p *parser) lines(r io.Reader, do func(line int, s []byte)) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	n := 0
	for sc.Scan() {
		n++
		s := sc.Bytes()
		if n == 1 {
			s = bytes.TrimPrefix(s, []byte("\ufeff"))
		}
		s = bytes.TrimSuffix(s, []byte("\r"))
		if t := bytes.TrimSpace(s); len(t) == 0 || t[0] == '#' {
			continue
		}
		do(n, s)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("%w: a line is longer than %d bytes", ErrTooLong, maxLineBytes)
		}
		p.fail(n+1, err)
	}
}

// jsonEntry is the JSON form of an entry.
type jsonEntry struct {
	Phrase        *string                    `json:"phrase"`
	Phrases       []string                   `json:"phrases"`
	Aliases       []string                   `json:"aliases"`
	Pattern       string                     `json:"pattern"`
	Type          string                     `json:"type"`
	Name          string                     `json:"name"`
	ID            json.RawMessage            `json:"id"`
	ExternalID    json.RawMessage            `json:"external_id"`
	Metadata      map[string]json.RawMessage `json:"metadata"`
	CaseSensitive bool                       `json:"case_sensitive"`
}

func (p *parser) jsonLine(line int, s []byte) {
	var j jsonEntry
	dec := json.NewDecoder(bytes.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		p.fail(line, fmt.Errorf("%w: %v", ErrSyntax, jsonError(err)))
		return
	}
	if dec.More() {
		p.fail(line, fmt.Errorf("%w: more than one JSON value on the line", ErrSyntax))
		return
	}
	e := Entry{Pattern: j.Pattern, Type: j.Type, Name: j.Name, CaseSensitive: j.CaseSensitive}
	if j.Phrase != nil {
		e.Phrases = append(e.Phrases, *j.Phrase)
	}
	e.Phrases = append(e.Phrases, j.Phrases...)
	e.Phrases = append(e.Phrases, j.Aliases...)
	var err error
	id := j.ID
	if len(id) == 0 {
		id = j.ExternalID
	}
	if e.ID, err = scalar(id); err != nil {
		p.fail(line, fmt.Errorf("%w: id: %v", ErrSyntax, err))
		return
	}
	if len(j.Metadata) > 0 {
		e.Metadata = make(map[string]string, len(j.Metadata))
		for k, v := range j.Metadata {
			s, err := scalar(v)
			if err != nil {
				p.fail(line, fmt.Errorf("%w: metadata %q: %v", ErrSyntax, k, err))
				return
			}
			e.Metadata[k] = s
		}
	}
	p.add(line, &e)
}

// scalar returns a JSON string's value, or the text of a number or boolean.
func scalar(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	case '{', '[':
		return "", errors.New("want a string, number or boolean")
	}
	return string(raw), nil
}

// jsonError drops the Go type names from encoding/json's messages.
func jsonError(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %s has the wrong JSON type (%s)", te.Field, te.Value)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// header maps the columns of a TSV or CSV file.
type header struct {
	cols []string // the field of each column; "" for metadata
	keys []string // the metadata key of each column
	line int
}

func newHeader(cells []string, line int) (*header, error) {
	h := &header{cols: make([]string, len(cells)), keys: make([]string, len(cells)), line: line}
	seen := map[string]bool{}
	hasType, hasText := false, false
	for i, c := range cells {
		c = strings.TrimSpace(c)
		l := strings.ToLower(c)
		switch l {
		case "phrase", "phrases", "aliases", "alias", "pattern", "type", "name", "id", "external_id", "case_sensitive":
			switch l {
			case "phrases":
				l = "phrase"
			case "alias":
				l = "aliases"
			case "external_id":
				l = "id"
			}
			if seen[l] {
				return nil, fmt.Errorf("%w: column %q appears twice", ErrSyntax, c)
			}
			seen[l] = true
			h.cols[i] = l
			hasType = hasType || l == "type"
			hasText = hasText || l == "phrase" || l == "pattern" || l == "aliases"
		default:
			if c == "" {
				return nil, fmt.Errorf("%w: column %d of the header has no name", ErrSyntax, i+1)
			}
			if seen["meta:"+c] {
				return nil, fmt.Errorf("%w: column %q appears twice", ErrSyntax, c)
			}
			seen["meta:"+c] = true
			h.keys[i] = c
		}
	}
	if !hasType || !hasText {
		return nil, fmt.Errorf("%w: the first line must name the columns, with type and phrase or pattern among them (got %q)", ErrSyntax, strings.Join(cells, " | "))
	}
	return h, nil
}

// entry reads a row into e, reusing its slices and map when reuse is set.
func (h *header) entry(cells []string, e *Entry, reuse bool) error {
	if len(cells) > len(h.cols) {
		return fmt.Errorf("%w: %d cells, the header (line %d) names %d columns", ErrSyntax, len(cells), h.line, len(h.cols))
	}
	if reuse {
		clear(e.Metadata)
		*e = Entry{Phrases: e.Phrases[:0], Metadata: e.Metadata}
	} else {
		*e = Entry{}
	}
	phrase := -1
	for i, c := range cells {
		if h.keys[i] != "" {
			if c != "" {
				if e.Metadata == nil {
					e.Metadata = map[string]string{}
				}
				e.Metadata[h.keys[i]] = c
			}
			continue
		}
		c = strings.TrimSpace(c)
		switch h.cols[i] {
		case "phrase":
			if c != "" {
				phrase = len(e.Phrases)
				e.Phrases = append(e.Phrases, c)
			}
		case "aliases":
			for a := range strings.SplitSeq(c, "|") {
				if a = strings.TrimSpace(a); a != "" {
					e.Phrases = append(e.Phrases, a)
				}
			}
		case "pattern":
			e.Pattern = c
		case "type":
			e.Type = c
		case "name":
			e.Name = c
		case "id":
			e.ID = c
		case "case_sensitive":
			b, err := parseBool(c)
			if err != nil {
				return err
			}
			e.CaseSensitive = b
		}
	}
	if phrase >= 0 {
		// The phrase column comes first whatever the column order.
		e.Phrases[0], e.Phrases[phrase] = e.Phrases[phrase], e.Phrases[0]
	}
	return nil
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "", "false", "no", "0", "n", "f":
		return false, nil
	case "true", "yes", "1", "y", "t":
		return true, nil
	}
	return false, fmt.Errorf("%w: case_sensitive is %q, want true or false", ErrSyntax, s)
}

func (p *parser) tsvLine(line int, s []byte) {
	cells := strings.Split(string(s), "\t")
	p.row(line, cells)
}

func (p *parser) row(line int, cells []string) {
	if p.header == nil {
		h, err := newHeader(cells, line)
		if err != nil {
			p.fail(line, err)
			p.header = &header{line: -1} // every later line is unreadable too, but say so once
			return
		}
		p.header = h
		return
	}
	if p.header.line < 0 {
		return
	}
	if err := p.header.entry(cells, &p.scratch, p.reuse); err != nil {
		p.fail(line, err)
		return
	}
	p.add(line, &p.scratch)
}

func (p *parser) csv(r io.Reader) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	cr.ReuseRecord = true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.StartLine
				err = pe.Err
				if pe.StartLine != pe.Line {
					err = fmt.Errorf("%w (the record runs to line %d)", err, pe.Line)
				}
			}
			p.fail(line, fmt.Errorf("%w: %v", ErrSyntax, err))
			if errors.Is(err, csv.ErrBareQuote) || errors.Is(err, csv.ErrQuote) {
				continue
			}
			return
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) > 0 && len(rec[0]) > maxLineBytes {
			p.fail(line, fmt.Errorf("%w: a record is longer than %d bytes", ErrTooLong, maxLineBytes))
			continue
		}
		p.row(line, rec)
	}
}
