package ner

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxClusterBits is the longest Brown path kept; longer ones are cut.
const maxClusterBits = 20

// clusterMap gives the Brown-cluster path of a word: the bits of the path
// under a leading 1 bit, so that "0110" is 0b10110.
type clusterMap struct {
	t *table
}

func clusterKey(h uint64) uint32 { return key(1000, h) }

// lookup returns the path of word w, or of its lower-cased form low when w
// itself is unknown, or 0.
func (c *clusterMap) lookup(w string, low []byte) uint32 {
	if v, ok := c.t.get(clusterKey(hashString(w))); ok {
		return v
	}
	if v, ok := c.t.get(clusterKey(hashBytes(low) ^ 1)); ok {
		return v
	}
	return 0
}

// readClusters reads Brown clusters in the "paths" format of Liang's
// wcluster: one "<bit string>\t<word>\t<count>" line per word. Words seen
// fewer than minCount times are skipped. It returns the number of words kept.
func readClusters(r io.Reader, minCount int) (*clusterMap, int, error) {
	t := newTable(1 << 16)
	lowerSeen := newTable(1 << 16)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line, n := 0, 0
	var lower []byte
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 {
			continue
		}
		count := minCount
		if len(f) >= 3 {
			c, err := strconv.Atoi(strings.TrimSpace(f[2]))
			if err != nil {
				return nil, 0, fmt.Errorf("clusters: line %d: bad count %q", line, f[2])
			}
			count = c
		}
		if count < minCount {
			continue
		}
		bits := f[0]
		if len(bits) > maxClusterBits {
			bits = bits[:maxClusterBits]
		}
		path := uint32(1)
		for i := 0; i < len(bits); i++ {
			switch bits[i] {
			case '0':
				path <<= 1
			case '1':
				path = path<<1 | 1
			default:
				return nil, 0, fmt.Errorf("clusters: line %d: bad path %q", line, f[0])
			}
		}
		w := f[1]
		t.put(clusterKey(hashString(w)), path)
		// The lower-cased form maps to the path of its most frequent
		// spelling: the file lists words by cluster, so keep the first seen
		// with the highest count.
		lower = appendLower(lower[:0], w)
		lk := clusterKey(hashBytes(lower) ^ 1)
		if prev, ok := lowerSeen.get(lk); !ok || uint32(min(count, 1<<31-1)) > prev {
			lowerSeen.put(lk, uint32(min(count, 1<<31-1)))
			t.put(lk, path)
		}
		n++
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("clusters: %w", err)
	}
	return &clusterMap{t: t}, n, nil
}

func (c *clusterMap) writeTo(w *bufio.Writer) error { return c.t.writeTo(w) }

func readClusterMap(r byteReader) (*clusterMap, error) {
	t, err := readTable(r)
	if err != nil {
		return nil, err
	}
	return &clusterMap{t: t}, nil
}
