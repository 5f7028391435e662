package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"time"
	"unicode/utf8"

	"golang.org/x/term"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// isTerminal reports whether f is a terminal.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}

// inputName names the input in messages.
func inputName(file string) string {
	if file == "" || file == "-" {
		return "the input"
	}
	return file
}

// sniffBytes is how much of the input notText looks at, as git does to
// tell binary files from text.
const sniffBytes = 8000

// notText says why b does not look like text, or returns "". It looks at
// the start of b only: a NUL byte there, or a third or more of bytes that
// are neither UTF-8 nor printable, mark a binary file such as an executable
// or an image.
// A few invalid bytes in text are left to the service, which names the
// offset of the first.
func notText(b []byte) string {
	head := b[:min(len(b), sniffBytes)]
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fmt.Sprintf("a NUL byte at offset %d", i)
	}
	bad := 0
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size == 1 && (len(head) == len(b) || utf8.FullRune(head[i:])) {
			bad++ // invalid, not a rune cut by the end of the sample
		} else if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v' {
			bad++
		}
		i += size
	}
	if bad >= 16 && bad*3 > len(head) {
		return fmt.Sprintf("%d of its first %d bytes are not text", bad, len(head))
	}
	return ""
}

// httpPortHint explains a failed call to the server at addr when the reason
// is that addr is an HTTP/1 server, such as extractd's HTTP port, rather
// than a gRPC one: the gRPC client then reads the HTTP/1 response as a
// malformed HTTP/2 frame and the call fails as UNAVAILABLE. It returns ""
// otherwise.
func httpPortHint(addr string, st *status.Status) string {
	if addr == "" || st.Code() != codes.Unavailable || !speaksHTTP1(addr) {
		return ""
	}
	return fmt.Sprintf("%s answers HTTP/1, so it looks like extractd's HTTP port (--http-addr); --addr wants its gRPC port (--grpc-addr, :9090 by default)", addr)
}

// speaksHTTP1 reports whether the server at addr answers an HTTP/1.1
// request.
func speaksHTTP1(addr string) bool {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return false
	}
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return false
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := fmt.Fprintf(conn, "HEAD / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", addr); err != nil {
		return false
	}
	reply := make([]byte, 5)
	_, err = io.ReadFull(conn, reply)
	return err == nil && string(reply) == "HTTP/"
}
