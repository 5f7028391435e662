package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestBadFlags runs the command on bad input: each must stop with a
// non-zero exit and a message that names the problem.
func TestBadFlags(t *testing.T) {
	if os.Getenv("EVALUATE_RUN_MAIN") == "1" {
		os.Args = append([]string{"evaluate"}, strings.Fields(os.Getenv("EVALUATE_ARGS"))...)
		main()
		return
	}
	for _, c := range []struct{ args, want string }{
		{"-case sideways testdata/none.docs.jsonl", `unknown -case "sideways"`},
		{"", "usage: evaluate"},
		{"testdata/none.docs.jsonl", "no such file"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestBadFlags$")
		cmd.Env = append(os.Environ(), "EVALUATE_RUN_MAIN=1", "EVALUATE_ARGS="+c.args)
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() == 0 {
			t.Errorf("evaluate %s: exit %v, want a non-zero exit", c.args, err)
		}
		if !strings.Contains(string(out), c.want) {
			t.Errorf("evaluate %s: output %q, want it to say %q", c.args, out, c.want)
		}
	}
}
