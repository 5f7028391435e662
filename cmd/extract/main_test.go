package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/testing/protocmp"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/ner"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
	"github.com/entityextraction/extractd/jsonl"
	"github.com/entityextraction/extractd/server"
)

// stack is the service on loopback: gRPC, and the HTTP gateway dialing it,
// assembled as cmd/extractd does.
type stack struct {
	grpcAddr string
	httpURL  string
	client   extractv1.EntityExtractionServiceClient
}

func startStack(tb testing.TB) *stack {
	tb.Helper()
	ex, err := extractor.New()
	if err != nil {
		tb.Fatal(err)
	}
	quiet := slog.New(slog.DiscardHandler)
	const maxMsg = 4 << 20
	gs := grpc.NewServer(server.GRPCServerOptions(quiet, maxMsg)...)
	extractv1.RegisterEntityExtractionServiceServer(gs, server.New(ex, server.WithLogger(quiet)))
	glis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	go gs.Serve(glis)
	tb.Cleanup(gs.Stop)

	conn, err := grpc.NewClient(glis.Addr().String(), server.GatewayDialOptions(maxMsg)...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close() })
	gw, err := server.NewGateway(context.Background(), conn, maxMsg)
	if err != nil {
		tb.Fatal(err)
	}
	hlis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	hs := &http.Server{Handler: gw}
	go hs.Serve(hlis)
	tb.Cleanup(func() { hs.Close() })
	return &stack{grpcAddr: glis.Addr().String(), httpURL: "http://" + hlis.Addr().String(), client: extractv1.NewEntityExtractionServiceClient(conn)}
}

// cli runs the command and returns its exit status, stdout and stderr.
func cli(tb testing.TB, stdin string, args ...string) (int, string, string) {
	tb.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

const samplePath = "../../testdata/putin-lukashenka-sochi.txt"

func TestSameResultThreeWays(t *testing.T) {
	st := startStack(t)
	text, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	for _, enc := range []string{"utf8", "utf16", "utf32"} {
		t.Run(enc, func(t *testing.T) {
			encoding, err := jsonl.ParseEncoding(enc)
			if err != nil {
				t.Fatal(err)
			}
			req := &extractv1.ExtractRequest{Id: "sochi", Text: string(text), EncodingType: encoding}
			viaGRPC, err := st.client.Extract(context.Background(), req)
			if err != nil {
				t.Fatalf("gRPC Extract: %v", err)
			}
			body, _ := server.JSONMarshalOptions.Marshal(req)
			resp, err := http.Post(st.httpURL+"/v1/extract", "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			httpBody, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("POST /v1/extract = %d %s", resp.StatusCode, httpBody)
			}

			code, inProc, stderr := cli(t, "", "--encoding", enc, "--id", "sochi", samplePath)
			if code != 0 {
				t.Fatalf("extract FILE = %d, stderr %s", code, stderr)
			}
			code, remote, stderr := cli(t, string(text), "--encoding", enc, "--id", "sochi", "--addr", st.grpcAddr)
			if code != 0 {
				t.Fatalf("extract --addr (stdin) = %d, stderr %s", code, stderr)
			}
			// The CLI prints the HTTP body, byte for byte, and a newline.
			if inProc != string(httpBody)+"\n" {
				t.Errorf("extract FILE output differs from the HTTP body:\n%s\nHTTP:\n%s", inProc, httpBody)
			}
			if remote != inProc {
				t.Errorf("extract --addr output differs from in-process:\n%s\nin-process:\n%s", remote, inProc)
			}
			fromCLI := &extractv1.ExtractResponse{}
			if err := server.JSONUnmarshalOptions.Unmarshal([]byte(inProc), fromCLI); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(viaGRPC, fromCLI, protocmp.Transform()); d != "" {
				t.Errorf("gRPC and CLI differ (-gRPC +CLI):\n%s", d)
			}
		})
	}
}

func TestSingleDocumentErrors(t *testing.T) {
	st := startStack(t)
	tests := []struct {
		name, stdin string
		args        []string
		code        int
		stderr      string
	}{
		{"empty", "", nil, 1, "InvalidArgument: text is empty"},
		{"white space remote", " \n", []string{"--addr", st.grpcAddr}, 1, "InvalidArgument: text is empty"},
		{"invalid UTF-8", "Putin \xff", nil, 1, "InvalidArgument: text is not valid UTF-8"},
		{"invalid UTF-8 remote", "Putin \xff", []string{"--addr", st.grpcAddr}, 1, "InvalidArgument: text is not valid UTF-8"},
		{"too long", "abcdef", []string{"--max-text-bytes", "5"}, 1, "InvalidArgument"},
		{"bad encoding flag", "a", []string{"--encoding", "latin1"}, 2, "--encoding"},
		{"negative timeout", "a", []string{"--timeout", "-1s"}, 2, "--timeout -1s: must not be negative"},
		{"binary", "\x7fELF\x02\x01\x01\x00\x00", nil, 1, "the input is not text (a NUL byte at offset 7)"},
		{"binary without NUL", strings.Repeat("\xff\xfe\x01\x02", 100), nil, 1, "400 of its first 400 bytes are not text"},
		{"executable", "", []string{os.Args[0]}, 1, os.Args[0] + " is not text"},
		{"HTTP port", "Putin", []string{"--addr", strings.TrimPrefix(st.httpURL, "http://")}, 1, "looks like extractd's HTTP port"},
		{"bad feature flag", "a", []string{"--features", "people,dogs"}, 2, "dogs"},
		{"two files", "a", []string{"x", "y"}, 2, "at most one FILE"},
		{"missing file", "", []string{"/nonexistent/file.txt"}, 1, "no such file"},
		{"missing model", "a", []string{"--model", "/nonexistent/model"}, 1, "model"},
		{"deadline", "Putin", []string{"--timeout", "1ns"}, 1, "DeadlineExceeded"},
		{"deadline remote", "Putin", []string{"--timeout", "1ns", "--addr", st.grpcAddr}, 1, "DeadlineExceeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := cli(t, tt.stdin, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) || out != "" {
				t.Errorf("extract %q = %d, stdout %q, stderr %q; want %d and stderr containing %q", tt.args, code, out, stderr, tt.code, tt.stderr)
			}
		})
	}
}

func TestFeaturesFlag(t *testing.T) {
	code, out, stderr := cli(t, "", "--features", "money,quotes", samplePath)
	if code != 0 {
		t.Fatalf("extract --features = %d %s", code, stderr)
	}
	resp := &extractv1.ExtractResponse{}
	if err := server.JSONUnmarshalOptions.Unmarshal([]byte(out), resp); err != nil {
		t.Fatal(err)
	}
	if n := len(resp.GetPeople()) + len(resp.GetPlaces()) + len(resp.GetOrganizations()); n != 0 {
		t.Errorf("extract --features money,quotes returned %d entities; want none", n)
	}
}

func TestJSONL(t *testing.T) {
	st := startStack(t)
	text, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	paragraphs := strings.Split(strings.TrimSpace(string(text)), "\n")
	var in strings.Builder
	type want struct {
		id  string
		err bool
	}
	var wants []want
	for i, p := range paragraphs {
		line, _ := json.Marshal(map[string]string{"id": fmt.Sprint("p", i), "text": p})
		in.Write(line)
		in.WriteByte('\n')
		wants = append(wants, want{fmt.Sprint("p", i), false})
		switch i {
		case 2:
			in.WriteString(`{"id":"blank","text":"   "}` + "\n")
			wants = append(wants, want{"blank", true})
		case 4:
			in.WriteString("this is not JSON\n\n") // and a blank line, skipped
			wants = append(wants, want{"", true})
		case 6:
			in.WriteString(`{"id":"typo","txet":"Putin"}` + "\n")
			wants = append(wants, want{"typo", true})
		case 8:
			in.WriteString("{\"id\":\"bad-utf8\",\"text\":\"Putin \xff\"}\n")
			wants = append(wants, want{"bad-utf8", true})
		case 9:
			in.WriteString(`{"id":"u32","text":"😀 Putin","encodingType":"ENCODING_TYPE_UTF32"}` + "\n")
			wants = append(wants, want{"u32", false})
		}
	}
	in.WriteString(`{"id":"last","text":"no newline at the end"}`)
	wants = append(wants, want{"last", false})

	for _, mode := range [][]string{{"--jsonl", "--workers", "3"}, {"--jsonl", "--workers", "1"}, {"--jsonl", "--addr", st.grpcAddr}} {
		t.Run(strings.Join(mode, " "), func(t *testing.T) {
			code, out, stderr := cli(t, in.String(), append(mode, "--encoding", "UTF-16")...)
			if code != 1 || stderr != fmt.Sprintf("extract: %d ok, 4 failed\n", len(wants)-4) {
				t.Fatalf("extract %v = %d, stderr %q; want 1 (some lines failed) and a summary", mode, code, stderr)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != len(wants) {
				t.Fatalf("extract %v printed %d lines; want %d:\n%s", mode, len(lines), len(wants), out)
			}
			for i, line := range lines {
				var res extractv1.BatchExtractResult
				isErr := strings.Contains(line, `"error":{`)
				if isErr {
					if err := server.JSONUnmarshalOptions.Unmarshal([]byte(line), &res); err != nil {
						t.Fatalf("line %d %s: %v", i, line, err)
					}
					if res.GetError().GetCode() != 3 || res.GetError().GetMessage() == "" {
						t.Errorf("line %d = %s; want an INVALID_ARGUMENT error with a message", i, line)
					}
				} else {
					resp := &extractv1.ExtractResponse{}
					if err := server.JSONUnmarshalOptions.Unmarshal([]byte(line), resp); err != nil {
						t.Fatalf("line %d %s: %v", i, line, err)
					}
					res.Id = resp.GetId()
				}
				if res.GetId() != wants[i].id || isErr != wants[i].err {
					t.Errorf("line %d = %s; want id %q, error %v", i, line, wants[i].id, wants[i].err)
				}
			}
			// Each good line is what the single-document mode prints for it, compacted.
			u32 := slices.IndexFunc(wants, func(w want) bool { return w.id == "u32" })
			code, single, _ := cli(t, "😀 Putin", "--id", "u32", "--encoding", "utf32")
			var compact bytes.Buffer
			json.Compact(&compact, []byte(single))
			if code != 0 || lines[u32] != compact.String() {
				t.Errorf("JSONL line %s; want the single-document output %s", lines[u32], compact.String())
			}
		})
	}
}

func TestJSONLFromFileQuietWithoutTerminal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.jsonl")
	var in strings.Builder
	for i := range 50 {
		fmt.Fprintf(&in, "{\"id\":\"%d\",\"text\":\"Document %d mentions Angela Merkel in Berlin.\"}\n", i, i)
	}
	if err := os.WriteFile(path, []byte(in.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := cli(t, "", "--jsonl", path)
	if code != 0 || stderr != "extract: 50 ok, 0 failed\n" {
		t.Fatalf("extract --jsonl FILE = %d, stderr %q; want 0 and only the summary, no progress on a non-terminal", code, stderr)
	}
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, fmt.Sprintf(`{"id":"%d",`, i)) {
			t.Fatalf("line %d = %s: out of order", i, line)
		}
	}
}

func TestProgress(t *testing.T) {
	var read atomic.Int64
	var out strings.Builder
	p := newProgress(true, &out, 1000, &read)
	read.Store(250)
	p.start = p.start.Add(-2 * time.Second) // as if 2 s had passed
	for range 10 {
		p.done()
	}
	p.finish()
	got := out.String()
	for _, want := range []string{"10 documents", "documents/s", "25% read", "ETA 6s", "\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("progress printed %q; want it to contain %q", got, want)
		}
	}
	var quiet strings.Builder
	q := newProgress(false, &quiet, 1000, &read)
	q.done()
	q.finish()
	if quiet.Len() != 0 {
		t.Errorf("progress off printed %q; want nothing", quiet.String())
	}
}

func TestDateFlag(t *testing.T) {
	const text = "MOSCOW (Reuters) - Gazprom paid 5 billion roubles in tax."
	for _, tt := range []struct{ date, want string }{{"", "RUB"}, {"1995-06-01", "RUR"}, {"1990", "SUR"}} {
		args := []string{"--features", "money"}
		if tt.date != "" {
			args = append(args, "--date", tt.date)
		}
		code, out, stderr := cli(t, text, args...)
		if code != 0 {
			t.Fatalf("extract %v = %d %s", args, code, stderr)
		}
		resp := &extractv1.ExtractResponse{}
		if err := server.JSONUnmarshalOptions.Unmarshal([]byte(out), resp); err != nil {
			t.Fatal(err)
		}
		if len(resp.GetMoney()) != 1 || resp.GetMoney()[0].GetAmount().GetCurrencyCode() != tt.want {
			t.Errorf("extract %v money = %v; want one amount in %s", args, resp.GetMoney(), tt.want)
		}
	}
	if code, _, stderr := cli(t, text, "--date", "1995-13-01"); code != 2 || !strings.Contains(stderr, "--date") {
		t.Errorf("extract --date 1995-13-01 = %d %q; want 2 and a message about --date", code, stderr)
	}
}

func TestVersion(t *testing.T) {
	code, out, stderr := cli(t, "", "--version")
	m, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	if code != 0 || !strings.HasPrefix(out, "extract ") || !strings.Contains(out, "model:    "+m.Identity().String()+"\n") || stderr != "" {
		t.Errorf("extract --version = %d, stdout %q, stderr %q; want 0 and the model's identity", code, out, stderr)
	}
}
