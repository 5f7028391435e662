package main

import (
	"bufio"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/entityextraction/extractd/cmd/internal/cmdfile"
	"github.com/entityextraction/extractd/cmd/internal/unlabeled"
)

// config holds the command-line settings.
type config struct {
	dataDir   string
	out       string
	classes   int
	minCount  int64
	maxVocab  int
	iters     int
	seed      uint64
	withBrown bool
	withCoNLL bool
	inspect   string
	show      string
	purity    string
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("wordclusters: ")
	var cfg config
	flag.StringVar(&cfg.dataDir, "data", "", "shared data directory (default: ../shared/data beside the module root)")
	flag.StringVar(&cfg.out, "out", "", "write the clusters to this paths file")
	flag.IntVar(&cfg.classes, "classes", 1000, "number of leaf clusters")
	flag.Int64Var(&cfg.minCount, "min-count", 3, "cluster only words seen at least this often")
	flag.IntVar(&cfg.maxVocab, "max-vocab", 100000, "cluster at most this many words (the most frequent)")
	flag.IntVar(&cfg.iters, "iters", 12, "maximum number of exchange passes")
	flag.Uint64Var(&cfg.seed, "seed", 1, "seed of the initial class assignment")
	flag.BoolVar(&cfg.withBrown, "brown", false, "also read the NLTK Brown corpus (non-commercial licence)")
	flag.BoolVar(&cfg.withCoNLL, "conll", true, "also read the words of the CoNLL-2003 training split")
	flag.StringVar(&cfg.inspect, "inspect", "", "do not cluster: read this paths file and show the clusters of -show")
	flag.StringVar(&cfg.show, "show", "", "comma-separated words whose clusters to print")
	flag.StringVar(&cfg.purity, "purity", "", "with -inspect: report coverage and entity-type purity of the clusters on this CoNLL file")
	flag.Parse()
	if err := run(cfg, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(cfg config, stdout io.Writer) error {
	if cfg.inspect != "" {
		entries, err := readPaths(cfg.inspect)
		if err != nil {
			return err
		}
		showClusters(stdout, entries, splitWords(cfg.show))
		if cfg.purity != "" {
			f, err := os.Open(cfg.purity)
			if err != nil {
				return err
			}
			defer f.Close()
			st, err := measurePurity(f, entries)
			if err != nil {
				return err
			}
			st.print(stdout)
		}
		return nil
	}
	if cfg.out == "" {
		return errors.New("-out is required")
	}
	if cfg.classes < numSpecial+1 {
		return fmt.Errorf("-classes must be at least %d", numSpecial+1)
	}
	if cfg.dataDir == "" {
		dir, err := cmdfile.SharedData()
		if err != nil {
			return fmt.Errorf("%w; use -data", err)
		}
		cfg.dataDir = dir
	}
	srcs, err := unlabeled.Sources(cfg.dataDir, cfg.withBrown, cfg.withCoNLL)
	if err != nil {
		return err
	}
	start := time.Now()
	cnt := newCounter()
	for _, src := range srcs {
		before := cnt.tokens()
		if err := src.Read(cnt.add); err != nil {
			return err
		}
		log.Printf("read %-18s %3d files %10d tokens (%s)", src.Name, len(src.Files), cnt.tokens()-before, time.Since(start).Round(time.Second))
	}
	cp := cnt.finish(cfg.minCount, cfg.maxVocab)
	cnt = nil
	log.Printf("vocabulary %d words (-min-count %d, -max-vocab %d: every word seen at least %d times), %d bigram types, %d tokens mapped to %s",
		len(cp.words)-numSpecial, cfg.minCount, cfg.maxVocab, cp.counts[len(cp.counts)-1], len(cp.bigrams), cp.counts[unknownID], unknownWord)

	entries, err := cluster(cp, cfg.classes+numSpecial, cfg.iters, cfg.seed, func(format string, args ...any) {
		log.Printf("%s "+format, append([]any{time.Since(start).Round(time.Second)}, args...)...)
	})
	if err != nil {
		return err
	}
	if err := writePaths(cfg.out, entries); err != nil {
		return err
	}
	log.Printf("wrote %s: %d words (%s)", cfg.out, len(entries), time.Since(start).Round(time.Second))
	showClusters(stdout, entries, splitWords(cfg.show))
	return nil
}

// entry is one line of a paths file.
type entry struct {
	path  string
	word  string
	count int64
}

// cluster runs exchange clustering into c classes (including the special
// classes) for at most iters passes, builds the hierarchy and returns the
// paths-file entries, sorted by path, then decreasing count, then word.
func cluster(cp *corpus, c, iters int, seed uint64, logf func(string, ...any)) ([]entry, error) {
	if len(cp.words) <= numSpecial {
		return nil, errors.New("no words to cluster")
	}
	x := newExchange(cp, c, seed)
	logf("exchange: %d classes, initial MI %.4f bits", x.c-numSpecial, x.mutualInfo())
	for it := 1; it <= iters; it++ {
		moves := x.pass()
		logf("exchange pass %d: %d words moved, MI %.4f bits", it, moves, x.mutualInfo())
		if moves == 0 {
			break
		}
	}
	// Build the hierarchy over the classes that are not empty.
	index := make([]int, x.c)
	var keep []int
	for k := range x.c {
		if k < numSpecial || x.size[k] > 0 {
			index[k] = len(keep)
			keep = append(keep, k)
		}
	}
	nc := len(keep)
	n := make([]int64, nc*nc)
	for i, ki := range keep {
		for j, kj := range keep {
			n[i*nc+j] = x.n[ki*x.c+kj]
		}
	}
	merges := buildHierarchy(n, nc, numSpecial)
	logf("hierarchy: %d clusters, %d merges", nc-numSpecial, len(merges))
	bits := paths(merges, nc)
	entries := make([]entry, 0, len(cp.words)-numSpecial)
	for w := numSpecial; w < len(cp.words); w++ {
		entries = append(entries, entry{bits[index[x.cls[w]]], cp.words[w], cp.counts[w]})
	}
	sortEntries(entries)
	return entries, nil
}

func sortEntries(entries []entry) {
	slices.SortFunc(entries, func(a, b entry) int {
		if d := strings.Compare(a.path, b.path); d != 0 {
			return d
		}
		if d := cmp.Compare(b.count, a.count); d != 0 {
			return d
		}
		return strings.Compare(a.word, b.word)
	})
}

// writePaths writes entries in Liang's paths format: bits, word, count,
// separated by tabs.
func writePaths(path string, entries []entry) error {
	_, err := cmdfile.Write(path, func(w io.Writer) (int, error) {
		for _, e := range entries {
			if _, err := fmt.Fprintf(w, "%s\t%s\t%d\n", e.path, e.word, e.count); err != nil {
				return 0, err
			}
		}
		return len(entries), nil
	})
	return err
}

// readPaths reads a paths file written by writePaths.
func readPaths(path string) ([]entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var entries []entry
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) != 3 {
			return nil, fmt.Errorf("%s:%d: want 3 tab-separated fields, got %d", path, line, len(parts))
		}
		n, err := strconv.ParseInt(parts[2], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		entries = append(entries, entry{parts[0], parts[1], n})
	}
	return entries, sc.Err()
}

func splitWords(s string) []string {
	var out []string
	for w := range strings.SplitSeq(s, ",") {
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// showClusters prints, for each word, its path and the most frequent words
// of its leaf cluster. entries must be sorted as sortEntries sorts them.
func showClusters(w io.Writer, entries []entry, words []string) {
	byWord := make(map[string]int, len(entries))
	for i, e := range entries {
		byWord[e.word] = i
	}
	for _, word := range words {
		i, ok := byWord[word]
		if !ok {
			fmt.Fprintf(w, "%-12s (not in the vocabulary)\n", word)
			continue
		}
		p := entries[i].path
		lo, _ := slices.BinarySearchFunc(entries, p, func(e entry, t string) int { return strings.Compare(e.path, t) })
		var members []string
		size := 0
		for k := lo; k < len(entries) && entries[k].path == p; k++ {
			if len(members) < 15 {
				members = append(members, entries[k].word)
			}
			size++
		}
		fmt.Fprintf(w, "%-12s %-22s %5d words: %s\n", word, p, size, strings.Join(members, " "))
	}
}
