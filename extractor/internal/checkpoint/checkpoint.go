// Package checkpoint lets a stage of the extractor stop when its context
// ends, checking the context once every [Every] units of work (tokens,
// candidates, mentions) rather than on each one.
//
// Basic usage, in a stage's main loop:
//
//	ck := checkpoint.New(ctx)
//	for i := range toks {
//		if err := ck.Tick(); err != nil {
//			return nil, err
//		}
//		...
//	}
package checkpoint

import "context"

// Every is how many units of work pass between two checks of the context.
const Every = 256

// Counter counts units of work and checks a context every [Every] of them.
// The zero Counter and a nil *Counter never stop.
type Counter struct {
	ctx context.Context
	n   int
	err error
}

// New returns a Counter for ctx.
func New(ctx context.Context) *Counter { return &Counter{ctx: ctx} }

// Tick counts one unit of work. Every [Every] units it checks the context,
// and from then on returns the context's error if it has ended. It is
// small enough to be inlined: stages call it in their inner loops.
func (c *Counter) Tick() error {
	if c == nil {
		return nil
	}
	c.n++
	if c.n%Every != 0 {
		return c.err
	}
	return c.Err()
}

// Err checks the context now, whatever the count, as between two passes
// of a stage.
func (c *Counter) Err() error {
	if c == nil || c.ctx == nil {
		return nil
	}
	if c.err == nil {
		c.err = c.ctx.Err()
	}
	return c.err
}
