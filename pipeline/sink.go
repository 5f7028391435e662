package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// The kinds of output, each written in shards of its own.
const (
	kindResults     = "results"
	kindDeadLetters = "dead-letters"
	kindAggregate   = "aggregate"
)

// shard is a temporary file a bundle wrote, to be renamed to its final
// name once the job has written every shard.
type shard struct {
	Kind  string
	Name  string
	Lines int64
}

// tempName is the name of a new temporary shard for prefix in job.
func tempName(prefix, job string) string {
	b := make([]byte, 8)
	rand.Read(b)
	return fmt.Sprintf("%s.tmp-%s-%s.jsonl", prefix, job, hex.EncodeToString(b))
}

// shardWriter writes lines to temporary shards of one kind of output,
// opening a shard at the first line and a new one past MaxBytes. It
// belongs to one bundle: the runner retries a failed bundle as a whole, and
// only the shards of bundles that succeeded reach finalizeFn.
type shardWriter struct {
	Kind, Prefix, Job string
	MaxBytes          int64

	fs    filesystem.Interface
	wc    io.WriteCloser
	bw    *bufio.Writer
	name  string
	bytes int64
	lines int64
}

func (w *shardWriter) write(ctx context.Context, line []byte, emit func(shard)) error {
	if w.bw == nil {
		if w.fs == nil {
			fs, err := filesystem.New(ctx, w.Prefix)
			if err != nil {
				return err
			}
			w.fs = fs
		}
		w.name = tempName(w.Prefix, w.Job)
		wc, err := w.fs.OpenWrite(ctx, w.name)
		if err != nil {
			return fmt.Errorf("opening %s: %w", w.name, err)
		}
		w.wc, w.bw, w.bytes, w.lines = wc, bufio.NewWriterSize(wc, 1<<20), 0, 0
	}
	w.bw.Write(line)
	if err := w.bw.WriteByte('\n'); err != nil {
		return fmt.Errorf("writing %s: %w", w.name, err)
	}
	w.bytes += int64(len(line)) + 1
	w.lines++
	if w.MaxBytes > 0 && w.bytes >= w.MaxBytes {
		return w.closeShard(emit)
	}
	return nil
}

// closeShard closes the open shard, if any, and emits it.
func (w *shardWriter) closeShard(emit func(shard)) error {
	if w.bw == nil {
		return nil
	}
	err := w.bw.Flush()
	if cerr := w.wc.Close(); err == nil {
		err = cerr
	}
	w.bw, w.wc = nil, nil
	if err != nil {
		return fmt.Errorf("writing %s: %w", w.name, err)
	}
	emit(shard{Kind: w.Kind, Name: w.name, Lines: w.lines})
	return nil
}

// close closes the open shard and the file system.
func (w *shardWriter) close(ctx context.Context, emit func(shard)) error {
	err := w.closeShard(emit)
	if w.fs != nil {
		w.fs.Close()
		w.fs = nil
	}
	return err
}

// writeFn writes lines to temporary shards, per bundle, and emits them.
type writeFn struct {
	Kind, Prefix, Job string
	MaxBytes          int64

	w *shardWriter
}

func (fn *writeFn) StartBundle(_ context.Context, _ func(shard)) {
	fn.w = &shardWriter{Kind: fn.Kind, Prefix: fn.Prefix, Job: fn.Job, MaxBytes: fn.MaxBytes}
}

func (fn *writeFn) ProcessElement(ctx context.Context, line []byte, emit func(shard)) error {
	return fn.w.write(ctx, line, emit)
}

func (fn *writeFn) FinishBundle(ctx context.Context, emit func(shard)) error {
	return fn.w.close(ctx, emit)
}

// finalizeFn gives the shards of each kind their final names,
// PREFIX-00000-of-00003.jsonl and so on, once every bundle is done: it
// removes the final shards of an earlier run under the same prefix, renames
// the temporary shards in the order of their names, and removes the
// temporary shards of bundles that failed and were retried.
type finalizeFn struct {
	Prefixes map[string]string // final prefix by kind; a kind not here is not written
	Job      string
}

func (fn *finalizeFn) ProcessElement(ctx context.Context, _ []byte, shards func(*shard) bool) error {
	byKind := map[string][]shard{}
	var s shard
	for shards(&s) {
		byKind[s.Kind] = append(byKind[s.Kind], s)
	}
	for kind, prefix := range fn.Prefixes {
		list := byKind[kind]
		slices.SortFunc(list, func(a, b shard) int { return strings.Compare(a.Name, b.Name) })
		if err := fn.finalize(ctx, prefix, list); err != nil {
			return fmt.Errorf("%s: %w", kind, err)
		}
	}
	return nil
}

func (fn *finalizeFn) finalize(ctx context.Context, prefix string, list []shard) error {
	fs, err := filesystem.New(ctx, prefix)
	if err != nil {
		return err
	}
	defer fs.Close()
	old, err := fs.List(ctx, prefix+"-?????-of-?????.jsonl")
	if err != nil {
		return err
	}
	for _, name := range old {
		if err := remove(ctx, fs, name); err != nil {
			return err
		}
	}
	var lines int64
	for i, s := range list {
		final := fmt.Sprintf("%s-%05d-of-%05d.jsonl", prefix, i, len(list))
		if err := filesystem.Rename(ctx, fs, s.Name, final); err != nil {
			return fmt.Errorf("renaming %s: %w", s.Name, err)
		}
		lines += s.Lines
	}
	left, err := fs.List(ctx, fmt.Sprintf("%s.tmp-%s-*", prefix, fn.Job))
	if err != nil {
		return err
	}
	for _, name := range left {
		if err := remove(ctx, fs, name); err != nil {
			return err
		}
	}
	slog.Info("wrote", "prefix", prefix, "shards", len(list), "lines", lines)
	return nil
}

func remove(ctx context.Context, fs filesystem.Interface, name string) error {
	r, ok := fs.(filesystem.Remover)
	if !ok {
		return fmt.Errorf("cannot remove %s: the file system cannot remove files", name)
	}
	return r.Remove(ctx, name)
}
