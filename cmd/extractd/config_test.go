package main

import (
	"encoding"
	"errors"
	"flag"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestEveryFlagHasItsEnvironmentVariable sets each flag once on the command
// line and once through its EXTRACTD_* variable, and wants the same result,
// different from the defaults.
func TestEveryFlagHasItsEnvironmentVariable(t *testing.T) {
	var cfg Config
	fs := flag.NewFlagSet("extractd", flag.ContinueOnError)
	cfg.bind(&flags{fs: fs, getenv: envOf()})
	defaults, defErr := parseConfig(nil, envOf(), io.Discard)
	if defErr != nil {
		t.Fatal(defErr)
	}
	n := 0
	fs.VisitAll(func(fl *flag.Flag) {
		n++
		if fl.Name == "version" {
			return // an action, not a setting: command line only
		}
		name, env := fl.Name, envName(fl.Name)
		t.Run(name, func(t *testing.T) {
			v := otherValue(t, fl)
			byFlag, flagErr := parseConfig([]string{"--" + name + "=" + v}, envOf(), io.Discard)
			byEnv, envErr := parseConfig(nil, envOf(env, v), io.Discard)
			if fmt.Sprint(flagErr) != fmt.Sprint(envErr) || !reflect.DeepEqual(byFlag, byEnv) {
				t.Fatalf("--%s=%s gives %+v, %v; %s=%s gives %+v, %v", name, v, byFlag, flagErr, env, v, byEnv, envErr)
			}
			if flagErr == nil && reflect.DeepEqual(byFlag, defaults) {
				t.Errorf("--%s=%s and %s=%s change nothing", name, v, env, v)
			}
			if !strings.Contains(fl.Usage, "(env "+env+")") {
				t.Errorf("help of --%s = %q; want it to name %s", name, fl.Usage, env)
			}
		})
	})
	if n < 20 {
		t.Errorf("visited %d flags; want all of them", n)
	}
}

// otherValue is a value of the flag fl other than its default.
func otherValue(t *testing.T, fl *flag.Flag) string {
	switch d := fl.Value.(flag.Getter).Get().(type) {
	case bool:
		return strconv.FormatBool(!d)
	case int:
		return strconv.Itoa(d + 1)
	case int64:
		return strconv.FormatInt(d+1, 10)
	case time.Duration:
		return (d + time.Second).String()
	case string:
		return "x" + d
	case []string:
		return "x.tsv"
	case encoding.TextMarshaler: // the log level
		return "warn"
	default:
		t.Fatalf("flag --%s has a value of type %T; teach otherValue about it", fl.Name, d)
		return ""
	}
}

func TestBadEnvironmentValues(t *testing.T) {
	_, err := parseConfig(nil, envOf("EXTRACTD_WORKERS", "many", "EXTRACTD_DEMO", "maybe", "EXTRACTD_QUEUE_TIMEOUT", "5"), io.Discard)
	for _, want := range []string{`EXTRACTD_WORKERS="many": not an integer`, `EXTRACTD_DEMO="maybe": not a boolean`, `EXTRACTD_QUEUE_TIMEOUT="5": not a duration`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseConfig with bad environment = %v; want an error containing %q", err, want)
		}
	}
}

func TestHelpSaysWhatItIs(t *testing.T) {
	var out strings.Builder
	_, err := parseConfig([]string{"-h"}, envOf(), &out)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("parseConfig(-h) error = %v; want flag.ErrHelp", err)
	}
	first, _, _ := strings.Cut(out.String(), "\n")
	if !strings.HasPrefix(first, "extractd serves entity extraction") {
		t.Errorf("-h begins %q; want a sentence on what extractd is", first)
	}
	if !strings.Contains(out.String(), "(env EXTRACTD_MAX_TEXT_BYTES)") {
		t.Errorf("-h does not list the flags with their variables:\n%s", out.String())
	}
}
