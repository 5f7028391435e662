// Package version describes the build of a command for its --version flag
// and its startup log: the module version and the VCS revision recorded by
// the Go toolchain (see [runtime/debug.ReadBuildInfo]), the Go version, and
// the identity of the NER model.
//
//	fmt.Print(version.String("extractd", ex.ModelIdentity()))
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/entityextraction/extractd/extractor/ner"
)

// Version overrides the module version from the build information, for
// builds that have none (such as -buildvcs=false builds outside a module
// proxy): go build -ldflags "-X github.com/entityextraction/extractd/version.Version=v1.2.3".
var Version string

// Build is what the toolchain recorded about the build.
type Build struct {
	Version   string // module version: a tag, a pseudo-version or "(devel)"
	Revision  string // VCS commit, or "" when the build did not record one
	Time      string // commit time (RFC 3339), or ""
	Modified  bool   // the working tree had uncommitted changes
	GoVersion string // the Go toolchain, such as go1.26.0
	Platform  string // GOOS/GOARCH
}

// Read returns what the running binary's build information holds.
func Read() Build {
	b := Build{Version: "(devel)", GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			b.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Revision = s.Value
			case "vcs.time":
				b.Time = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	if Version != "" {
		b.Version = Version
	}
	return b
}

// String describes the build of program and the model it runs, one item
// per line.
func String(program string, model ner.Identity) string {
	b := Read()
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s %s\n", program, b.Version)
	rev := "not recorded (built with -buildvcs=false or outside a git checkout)"
	if b.Revision != "" {
		rev = b.Revision
		if b.Time != "" {
			rev += " " + b.Time
		}
		if b.Modified {
			rev += " (modified)"
		}
	}
	fmt.Fprintf(&sb, "revision: %s\n", rev)
	fmt.Fprintf(&sb, "go:       %s %s\n", b.GoVersion, b.Platform)
	fmt.Fprintf(&sb, "model:    %s\n", model)
	return sb.String()
}
