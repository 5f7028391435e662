package version

import (
	"runtime"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/ner"
)

func TestString(t *testing.T) {
	got := String("extractd", ner.Identity{Name: "embedded", SHA256: "abc123"})
	for _, want := range []string{"extractd ", "\nrevision: ", "\ngo:       " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH, "\nmodel:    embedded sha256:abc123\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("String = %q; want it to contain %q", got, want)
		}
	}
}

func TestVersionOverride(t *testing.T) {
	Version = "v1.2.3"
	defer func() { Version = "" }()
	if b := Read(); b.Version != "v1.2.3" {
		t.Errorf("Read().Version = %q with Version set; want v1.2.3", b.Version)
	}
	if got := String("extract", ner.Identity{}); !strings.HasPrefix(got, "extract v1.2.3\n") {
		t.Errorf("String = %q; want it to begin with the version", got)
	}
}
