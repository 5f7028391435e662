package main

import (
	"encoding"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"
)

// envPrefix starts the name of the environment variable of every flag.
const envPrefix = "EXTRACTD_"

// envName is the environment variable that sets the flag called name:
// --max-text-bytes is EXTRACTD_MAX_TEXT_BYTES.
func envName(flagName string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// flags binds each flag of a flag set to its environment variable: a
// variable that is set (and not empty) replaces the flag's default, and a
// flag on the command line wins over both. Adding a setting is one line:
//
//	f.Int(&cfg.Workers, "workers", 4, "documents analysed at once")
//
// reads --workers and EXTRACTD_WORKERS and documents both in -h. Values of
// the environment that do not parse are collected in err, so that all of
// them are reported at once.
type flags struct {
	fs     *flag.FlagSet
	getenv func(string) string
	err    error
}

// String binds a string flag.
func (f *flags) String(p *string, name, def, usage string) {
	f.fs.StringVar(p, name, def, withEnv(name, usage))
	f.fromEnv(name, "")
}

// Int binds an integer flag.
func (f *flags) Int(p *int, name string, def int, usage string) {
	f.fs.IntVar(p, name, def, withEnv(name, usage))
	f.fromEnv(name, "not an integer")
}

// Int64 binds a 64-bit integer flag.
func (f *flags) Int64(p *int64, name string, def int64, usage string) {
	f.fs.Int64Var(p, name, def, withEnv(name, usage))
	f.fromEnv(name, "not an integer")
}

// Bool binds a boolean flag; the environment takes the values of
// [strconv.ParseBool] (true, false, 1, 0, ...).
func (f *flags) Bool(p *bool, name string, def bool, usage string) {
	f.fs.BoolVar(p, name, def, withEnv(name, usage))
	f.fromEnv(name, "not a boolean")
}

// Duration binds a duration flag, such as 1.5s or 2m.
func (f *flags) Duration(p *time.Duration, name string, def time.Duration, usage string) {
	f.fs.DurationVar(p, name, def, withEnv(name, usage))
	f.fromEnv(name, "not a duration (such as 500ms, 30s or 2m)")
}

// Text binds a flag of any type that reads and writes itself as text, such
// as [slog.Level].
func (f *flags) Text(p encoding.TextUnmarshaler, name string, def encoding.TextMarshaler, usage string) {
	f.fs.TextVar(p, name, def, withEnv(name, usage))
	f.fromEnv(name, "")
}

// List binds a flag that may be repeated or hold several comma-separated
// values; values on the command line replace those of the environment.
func (f *flags) List(p *[]string, name, usage string) {
	v := &listValue{p: p}
	f.fs.Var(v, name, withEnv(name, usage+"; repeat it, or separate values with commas"))
	f.fromEnv(name, "")
	v.replace = true
}

// listValue is the flag.Value of [flags.List].
type listValue struct {
	p       *[]string
	replace bool // the next Set starts a new list: the values so far came from the environment
}

func (v *listValue) String() string {
	if v == nil || v.p == nil {
		return ""
	}
	return strings.Join(*v.p, ",")
}

func (v *listValue) Get() any { return *v.p }

func (v *listValue) Set(s string) error {
	if v.replace {
		*v.p, v.replace = nil, false
	}
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*v.p = append(*v.p, part)
		}
	}
	return nil
}

// fromEnv sets the flag called name from its environment variable, if that
// is set; what describes a value that does not parse ("" to use the
// parser's own error).
func (f *flags) fromEnv(name, what string) {
	env := envName(name)
	v := f.getenv(env)
	if v == "" {
		return
	}
	if err := f.fs.Set(name, v); err != nil {
		if what == "" {
			what = err.Error()
		}
		f.err = errors.Join(f.err, fmt.Errorf("%s=%q: %s", env, v, what))
	}
}

func withEnv(name, usage string) string {
	return usage + " (env " + envName(name) + ")"
}
