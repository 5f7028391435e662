// Package docs holds the project's documentation. Its test checks that the
// example outputs shown in README.md and docs/*.md are what the real binaries
// print.
package docs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/protobuf/encoding/protojson"

	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

var (
	update       = flag.Bool("update", false, "rewrite the example outputs in README.md and docs/*.md with what the binaries print")
	requireTools = flag.Bool("require-tools", false, "fail, rather than skip, an example whose tools (curl, jq) are not installed")
)

// An example is marked in a Markdown file by a comment on a line of its own
// naming how to run it,
// then a fenced block with the command and a fenced block with its output:
//
//	<!-- example: http -->
//	```sh
//	curl -s -X POST localhost:8080/v1/extract -d '{"text": "..."}'
//	```
//
//	```json
//	{ ...the output... }
//	```
//
// Kinds:
//   - http: the request of a `curl ... -d '{...}'` command is sent to the
//     server's HTTP port; the output is the response body.
//   - grpcurl: a grpcurl `list` or `-d '{...}' ... /Extract` command is run as
//     a gRPC call; the output is the JSON grpcurl prints (protojson without
//     default values, indented by two spaces).
//   - sh: the command runs in bash from the repository root, with
//     `go run ./cmd/extract` replaced by the built binary and localhost:8080
//     and localhost:9090 by the test server's ports. Skipped when it uses curl
//     or jq and they are not installed (unless -require-tools).
var markerRE = regexp.MustCompile(`(?m)^<!-- example: (\w+) -->$`)

type example struct {
	file, kind   string
	line         int    // line of the marker
	command      string // the command block's text
	outStart     int    // byte offsets of the output block's text in the file
	outEnd       int
	shownOutput  string
	producedText string
}

// fence returns the text of the next fenced block at or after off in s, and
// its byte span.
func fence(s string, off int) (text string, start, end int, err error) {
	i := strings.Index(s[off:], "```")
	if i < 0 {
		return "", 0, 0, errors.New("no fenced block after the marker")
	}
	if between := strings.TrimSpace(s[off : off+i]); between != "" {
		return "", 0, 0, fmt.Errorf("text before the fenced block: %.40q", between)
	}
	nl := strings.IndexByte(s[off+i:], '\n')
	if nl < 0 {
		return "", 0, 0, errors.New("unterminated fenced block")
	}
	start = off + i + nl + 1
	if strings.HasPrefix(s[start:], "```") { // an empty block
		return "", start, start, nil
	}
	j := strings.Index(s[start:], "\n```")
	if j < 0 {
		return "", 0, 0, errors.New("unterminated fenced block")
	}
	end = start + j + 1
	return s[start:end], start, end, nil
}

// findExamples returns the marked examples of a Markdown file.
func findExamples(t *testing.T, path string) []*example {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	var out []*example
	for _, m := range markerRE.FindAllStringSubmatchIndex(s, -1) {
		ex := &example{file: path, kind: s[m[2]:m[3]], line: 1 + strings.Count(s[:m[0]], "\n")}
		cmd, _, cmdEnd, err := fence(s, m[1])
		if err != nil {
			t.Fatalf("%s:%d: command: %v", path, ex.line, err)
		}
		// The closing fence of the command block.
		after := cmdEnd + strings.IndexByte(s[cmdEnd:], '\n') + 1
		shown, start, end, err := fence(s, after)
		if err != nil {
			t.Fatalf("%s:%d: output: %v", path, ex.line, err)
		}
		ex.command, ex.shownOutput, ex.outStart, ex.outEnd = cmd, shown, start, end
		out = append(out, ex)
	}
	return out
}

// services are the running binaries.
type services struct {
	root, extract string
	httpAddr      string // 127.0.0.1:port
	grpcAddr      string
	conn          *grpc.ClientConn
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

var (
	buildOnce sync.Once
	buildDir  string // where build puts the binaries; removed by TestMain
	buildErr  error
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// build builds extractd and extract once for the package's tests and returns
// the repository root and the directory of the binaries.
func build(t *testing.T) (root, bin string) {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "extractd-docs-"); buildErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", buildDir, "./cmd/extractd", "./cmd/extract")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return root, buildDir
}

// start builds extractd and extract and runs extractd on free loopback ports.
func start(t *testing.T) *services {
	t.Helper()
	root, bin := build(t)
	s := &services{root: root, extract: filepath.Join(bin, "extract"), httpAddr: freePort(t), grpcAddr: freePort(t)}
	var logs bytes.Buffer
	cmd := exec.Command(filepath.Join(bin, "extractd"), "--grpc-addr", s.grpcAddr, "--http-addr", s.httpAddr)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get("http://" + s.httpAddr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("extractd exited: %v\n%s", err, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("extractd not healthy after 60s\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	conn, err := grpc.NewClient(s.grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	s.conn = conn
	t.Cleanup(func() { conn.Close() })
	return s
}

// dataArg returns the argument of the first `-d '...'` in cmd.
func dataArg(cmd string) (string, error) {
	m := regexp.MustCompile(`(?s)-d '([^']*)'`).FindStringSubmatch(cmd)
	if m == nil {
		return "", errors.New("no -d '...' argument")
	}
	return m[1], nil
}

func (s *services) runHTTP(cmd string) (string, error) {
	u := regexp.MustCompile(`localhost:8080(/\S*)`).FindStringSubmatch(cmd)
	if u == nil {
		return "", errors.New("no localhost:8080 URL")
	}
	body, err := dataArg(cmd)
	if err != nil {
		return "", err
	}
	resp, err := http.Post("http://"+s.httpAddr+u[1], "application/json", strings.NewReader(body))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

func (s *services) runGRPCurl(cmd string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if strings.HasSuffix(strings.TrimSpace(cmd), " list") {
		stream, err := reflectionpb.NewServerReflectionClient(s.conn).ServerReflectionInfo(ctx)
		if err != nil {
			return "", err
		}
		req := &reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}}
		if err := stream.Send(req); err != nil {
			return "", err
		}
		resp, err := stream.Recv()
		if err != nil {
			return "", err
		}
		var names []string
		for _, svc := range resp.GetListServicesResponse().GetService() {
			names = append(names, svc.GetName())
		}
		slices.Sort(names)
		return strings.Join(names, "\n") + "\n", nil
	}
	if !strings.Contains(cmd, "entityextraction.v1.EntityExtractionService/Extract") {
		return "", errors.New("only `list` and the Extract method are supported")
	}
	body, err := dataArg(cmd)
	if err != nil {
		return "", err
	}
	var req extractv1.ExtractRequest
	if err := protojson.Unmarshal([]byte(body), &req); err != nil {
		return "", err
	}
	resp, err := extractv1.NewEntityExtractionServiceClient(s.conn).Extract(ctx, &req)
	if err != nil {
		return "", err
	}
	b, err := protojson.Marshal(resp)
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return "", err
	}
	return out.String() + "\n", nil
}

func (s *services) runShell(t *testing.T, cmd string) (string, error) {
	for _, tool := range []string{"curl", "jq"} {
		if regexp.MustCompile(`\b` + tool + `\b`).MatchString(cmd) {
			if _, err := exec.LookPath(tool); err != nil {
				if *requireTools {
					return "", fmt.Errorf("%s is not installed", tool)
				}
				t.Skipf("%s is not installed", tool)
			}
		}
	}
	script := strings.NewReplacer(
		"go run ./cmd/extract ", s.extract+" ",
		"localhost:8080", s.httpAddr,
		"localhost:9090", s.grpcAddr,
	).Replace(cmd)
	c := exec.Command("bash", "-c", script)
	c.Dir = s.root
	var stderr bytes.Buffer
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil && len(out) == 0 {
		return "", fmt.Errorf("%v\n%s", err, stderr.String())
	}
	return string(out), nil // a non-zero exit with output is part of some examples (a failed --jsonl line)
}

// TestExamples runs every marked example of README.md and docs/*.md against
// the real binaries and compares its output with the one shown. Run with
// -update to rewrite the shown outputs.
func TestExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binaries")
	}
	files, err := filepath.Glob("*.md")
	if err != nil {
		t.Fatal(err)
	}
	files = append([]string{filepath.Join("..", "README.md")}, files...)
	var all []*example
	for _, f := range files {
		all = append(all, findExamples(t, f)...)
	}
	if len(all) == 0 {
		t.Fatal("no marked examples")
	}
	s := start(t)
	for _, ex := range all {
		name := fmt.Sprintf("%s:%d", filepath.Base(ex.file), ex.line)
		t.Run(name, func(t *testing.T) {
			var got string
			var err error
			switch ex.kind {
			case "http":
				got, err = s.runHTTP(ex.command)
			case "grpcurl":
				got, err = s.runGRPCurl(ex.command)
			case "sh":
				got, err = s.runShell(t, ex.command)
			default:
				t.Fatalf("unknown example kind %q", ex.kind)
			}
			if err != nil {
				t.Fatalf("%s: %v", ex.kind, err)
			}
			got = strings.TrimRight(got, "\n") + "\n"
			ex.producedText = got
			if got != ex.shownOutput && !*update {
				t.Errorf("%s:%d: the output shown differs from the real output (-shown +real; rerun with -update to rewrite it):\n%s",
					ex.file, ex.line, cmp.Diff(strings.Split(ex.shownOutput, "\n"), strings.Split(got, "\n")))
			}
		})
	}
	if *update {
		rewrite(t, all)
	}
}

// rewrite replaces the shown outputs with the produced ones.
func rewrite(t *testing.T, all []*example) {
	byFile := map[string][]*example{}
	for _, ex := range all {
		if ex.producedText != "" && ex.producedText != ex.shownOutput {
			byFile[ex.file] = append(byFile[ex.file], ex)
		}
	}
	for file, exs := range byFile {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i := len(exs) - 1; i >= 0; i-- { // from the end, so earlier offsets hold
			ex := exs[i]
			data = slices.Concat(data[:ex.outStart], []byte(ex.producedText), data[ex.outEnd:])
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote %d example outputs in %s", len(exs), file)
	}
}

// TestFlagTables checks that the flag tables of docs/CONFIGURATION.md and
// docs/CLI.md list exactly the flags that `extractd -h` and `extract -h`
// print.
func TestFlagTables(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binaries")
	}
	_, bin := build(t)
	for _, c := range []struct{ binary, doc string }{
		{"extractd", "CONFIGURATION.md"},
		{"extract", "CLI.md"},
	} {
		out, _ := exec.Command(filepath.Join(bin, c.binary), "-h").CombinedOutput() // -h exits non-zero
		var have []string
		for _, m := range regexp.MustCompile(`(?m)^\s+-([a-z][a-z0-9-]*)`).FindAllStringSubmatch(string(out), -1) {
			have = append(have, m[1])
		}
		if len(have) == 0 {
			t.Fatalf("%s -h lists no flags:\n%s", c.binary, out)
		}
		data, err := os.ReadFile(c.doc)
		if err != nil {
			t.Fatal(err)
		}
		var documented []string
		for _, row := range regexp.MustCompile("(?m)^\\| (`--[^|]*)\\|").FindAllStringSubmatch(string(data), -1) {
			for _, m := range regexp.MustCompile("`--([a-z0-9-]+)`").FindAllStringSubmatch(row[1], -1) {
				documented = append(documented, m[1])
			}
		}
		slices.Sort(have)
		slices.Sort(documented)
		documented = slices.Compact(documented)
		for _, f := range have {
			if _, found := slices.BinarySearch(documented, f); !found {
				t.Errorf("%s: --%s (printed by %s -h) is not in the flag table", c.doc, f, c.binary)
			}
		}
		for _, f := range documented {
			if _, found := slices.BinarySearch(have, f); !found {
				t.Errorf("%s: --%s is in the flag table but %s -h does not print it", c.doc, f, c.binary)
			}
		}
	}
}

// maxREADMEBytes keeps the README a quick start: reference material goes in
// docs/ pages linked from it.
const maxREADMEBytes = 15000

func TestREADMEIsShort(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > maxREADMEBytes {
		t.Errorf("README.md is %d bytes, more than %d: move reference material to a docs/ page and link it", len(data), maxREADMEBytes)
	}
}
