package ner

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

func TestIdentity(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(embedded)
	want := Identity{Name: "embedded", SHA256: hex.EncodeToString(sum[:])}
	if got := m.Identity(); got != want {
		t.Errorf("Default().Identity() = %+v; want %+v", got, want)
	}
	if got, want := m.Identity().String(), "embedded sha256:"+want.SHA256; got != want {
		t.Errorf("Identity().String() = %q; want %q", got, want)
	}

	path := filepath.Join(t.TempDir(), "small.model")
	if err := os.WriteFile(path, embedded, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Identity(); got.Name != "small.model" || got.SHA256 != want.SHA256 {
		t.Errorf("LoadFile(%s).Identity() = %+v; want name small.model and the same hash", path, got)
	}
	r, err := Load(bytes.NewReader(embedded))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Identity(); got.Name != "" || got.SHA256 != want.SHA256 || got.String() != "unnamed sha256:"+want.SHA256 {
		t.Errorf("Load(…).Identity() = %+v; want no name and the same hash", got)
	}
}
