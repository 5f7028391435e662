package dictionary

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Entry is one thing a dictionary finds: a name with its aliases, or a token
// pattern, with the type it gives the span and the data it links it to.
type Entry struct {
	// Phrases are the entry's names and aliases, each matched as a whole
	// sequence of tokens. An entry has phrases or a pattern, not both.
	Phrases []string
	// Pattern is a token pattern (see the package documentation).
	Pattern string
	// Type is PERSON, PLACE, ORGANIZATION or a custom type name such as
	// PRODUCT: a letter, then letters, digits or underscores, at most 64
	// bytes. It is upper-cased; LOCATION means PLACE.
	Type string
	// Name is the canonical name of what the entry names; empty means the
	// first phrase (the text itself for a pattern).
	Name string
	// ID is the entry's identifier in the caller's own data ("Q7747",
	// "CUST-0042"); it may be empty.
	ID string
	// Metadata holds string key/values returned with every entity the entry
	// matches.
	Metadata map[string]string
	// CaseSensitive makes the phrases and literals match only in the case
	// they are written in; by default case is ignored.
	CaseSensitive bool
	// Source is where the entry was read; zero for entries made in code.
	Source Position
}

// Position is a place in a dictionary file.
type Position struct {
	File string // the file name as given; "" for entries not read from a file
	Line int    // 1-based line number
}

func (p Position) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return ""
	case p.File == "":
		return fmt.Sprintf("line %d", p.Line)
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Error is a problem with one dictionary entry or line.
type Error struct {
	Pos   Position // where, when the entry was read from a file
	Entry int      // the entry's index in the list given to [New], or -1
	Err   error
}

func (e *Error) Error() string {
	where := e.Pos.String()
	if where == "" && e.Entry >= 0 {
		where = fmt.Sprintf("entry %d", e.Entry)
	}
	if where == "" {
		return e.Err.Error()
	}
	return where + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorList is a list of problems, in file and line order. Like
// go/scanner.ErrorList, its Error method reports the first one and how many
// more there are.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Err returns l as an error, or nil if l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return l[i].Entry < l[j].Entry
	})
}

// Errors wrapped by [Error].
var (
	ErrNoPhrase         = errors.New("the entry has neither a phrase nor a pattern")
	ErrPhraseAndPattern = errors.New("the entry has both phrases and a pattern")
	ErrBadType          = errors.New("bad type")
	ErrTooLong          = errors.New("too long")
	ErrConflict         = errors.New("conflicting entries")
	ErrDuplicate        = errors.New("duplicate phrase")
	ErrBadPattern       = errors.New("bad pattern")
	ErrSyntax           = errors.New("syntax error")
)

// Limits on one entry.
const (
	MaxPhraseBytes  = 1024 // the longest phrase
	MaxPhraseTokens = 32   // the most tokens of one phrase
	MaxPatternBytes = 1024 // the longest pattern
	MaxFieldBytes   = 4096 // the longest name, ID, metadata key or value
	MaxTypeBytes    = 64   // the longest type name
	MaxAliases      = 256  // the most phrases of one entry
	MaxMetadata     = 64   // the most metadata keys of one entry
)

// The built-in types, which the model finds too.
const (
	Person       = "PERSON"
	Place        = "PLACE"
	Organization = "ORGANIZATION"
)

// NormalizeType returns the canonical form of a type name: upper case, with
// LOCATION, PER, LOC and ORG spelled as the built-in names.
func NormalizeType(t string) (string, error) {
	u := strings.ToUpper(strings.TrimSpace(t))
	switch u {
	case "PER":
		return Person, nil
	case "LOC", "LOCATION":
		return Place, nil
	case "ORG":
		return Organization, nil
	case "":
		return "", fmt.Errorf("%w: the type is empty", ErrBadType)
	}
	if len(u) > MaxTypeBytes {
		return "", fmt.Errorf("%w: %q is longer than %d bytes", ErrBadType, t, MaxTypeBytes)
	}
	for i := 0; i < len(u); i++ {
		c := u[i]
		if !('A' <= c && c <= 'Z' || i > 0 && ('0' <= c && c <= '9' || c == '_')) {
			return "", fmt.Errorf("%w: %q: a type is a letter, then letters, digits or underscores", ErrBadType, t)
		}
	}
	return u, nil
}

// IsBuiltin reports whether typ (normalized) is one of the types the model
// finds.
func IsBuiltin(typ string) bool { return typ == Person || typ == Place || typ == Organization }

// check validates e and returns its normalized type.
func (e *Entry) check() (string, error) {
	typ, err := NormalizeType(e.Type)
	if err != nil {
		return "", err
	}
	switch {
	case len(e.Phrases) == 0 && e.Pattern == "":
		return "", ErrNoPhrase
	case len(e.Phrases) > 0 && e.Pattern != "":
		return "", ErrPhraseAndPattern
	case len(e.Phrases) > MaxAliases:
		return "", fmt.Errorf("%w: %d phrases, the limit is %d", ErrTooLong, len(e.Phrases), MaxAliases)
	case len(e.Pattern) > MaxPatternBytes:
		return "", fmt.Errorf("%w: the pattern is %d bytes, the limit is %d", ErrTooLong, len(e.Pattern), MaxPatternBytes)
	case len(e.Metadata) > MaxMetadata:
		return "", fmt.Errorf("%w: %d metadata keys, the limit is %d", ErrTooLong, len(e.Metadata), MaxMetadata)
	}
	for i, p := range e.Phrases {
		if len(p) > MaxPhraseBytes {
			return "", fmt.Errorf("%w: phrase %d is %d bytes, the limit is %d", ErrTooLong, i+1, len(p), MaxPhraseBytes)
		}
		if strings.TrimSpace(p) == "" {
			return "", fmt.Errorf("%w: phrase %d is empty", ErrNoPhrase, i+1)
		}
	}
	if err := checkString("name", e.Name); err != nil {
		return "", err
	}
	if err := checkString("id", e.ID); err != nil {
		return "", err
	}
	for k, v := range e.Metadata {
		if k == "" {
			return "", fmt.Errorf("%w: a metadata key is empty", ErrSyntax)
		}
		if err := checkString("metadata key", k); err != nil {
			return "", err
		}
		if err := checkString("metadata value", v); err != nil {
			return "", err
		}
	}
	for _, p := range e.Phrases {
		if !utf8.ValidString(p) {
			return "", fmt.Errorf("%w: a phrase is not valid UTF-8", ErrSyntax)
		}
	}
	if !utf8.ValidString(e.Pattern) {
		return "", fmt.Errorf("%w: the pattern is not valid UTF-8", ErrSyntax)
	}
	return typ, nil
}

func checkString(what, s string) error {
	if len(s) > MaxFieldBytes {
		return fmt.Errorf("%w: the %s is %d bytes, the limit is %d", ErrTooLong, what, len(s), MaxFieldBytes)
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("%w: the %s is not valid UTF-8", ErrSyntax, what)
	}
	return nil
}
