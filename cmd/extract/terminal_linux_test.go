package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// openPTY returns the terminal side of a new pseudo-terminal.
func openPTY(tb testing.TB) *os.File {
	tb.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		tb.Skipf("no pseudo-terminals here: %v", err)
	}
	tb.Cleanup(func() { ptmx.Close() })
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		tb.Skipf("unlocking the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		tb.Skipf("naming the pseudo-terminal: %v", err)
	}
	tty, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		tb.Skipf("opening the pseudo-terminal: %v", err)
	}
	tb.Cleanup(func() { tty.Close() })
	return tty
}

func TestNoInputOnATerminalPrintsUsage(t *testing.T) {
	tty := openPTY(t)
	var out, errb bytes.Buffer
	code := run(context.Background(), nil, tty, &out, &errb)
	if code != 2 || !strings.HasPrefix(errb.String(), "usage: extract") || out.Len() != 0 {
		t.Errorf("extract on a terminal with no FILE = %d, stdout %q, stderr %q; want 2 and the usage", code, out.String(), errb.String())
	}
}
