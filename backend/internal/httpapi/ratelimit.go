package httpapi

import (
	"sync"
	"time"
)

// limiter is a fixed-window counter per key (client IP for sign-in). It is
// per process: with several replicas each allows the limit, which still
// bounds password guessing to a small multiple.
type limiter struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	now    func() time.Time
	hits   map[string]*window
}

type window struct {
	start time.Time
	count int
}

func newLimiter(limit int, per time.Duration) *limiter {
	return &limiter{limit: limit, window: per, now: time.Now, hits: map[string]*window{}}
}

// allow counts one attempt for key and reports whether it is within the
// limit, and if not, how long until the window resets.
func (l *limiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.hits) > 10000 {
		for k, w := range l.hits {
			if now.Sub(w.start) >= l.window {
				delete(l.hits, k)
			}
		}
	}
	w, ok := l.hits[key]
	if !ok || now.Sub(w.start) >= l.window {
		w = &window{start: now}
		l.hits[key] = w
	}
	w.count++
	if w.count > l.limit {
		return false, w.start.Add(l.window).Sub(now)
	}
	return true, 0
}
