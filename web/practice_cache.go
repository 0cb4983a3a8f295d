package web

// A per-person cache for Today's history and Insights (issue 15, speed).
// Insights counts a year of entries and draws nine charts; Today counts
// 28 days of practice. Both are pure functions of what the person saved,
// the calendar day and their time zone, so they are kept per person and
// used only while the person's entries stamp (User.EntriesStamp, read
// with the session on every request) is the one they were computed
// under: a write through any instance gives the entries a new stamp in
// the same transaction, so it shows at once on every instance. A write
// on this instance also drops what was kept at once (the store wrapper
// below), to free the memory; the day or zone changing starts again, and
// cacheTTL bounds how long anything stays in memory.

import (
	"context"
	"iter"
	"strings"
	"sync"
	"time"

	"github.com/securebase/securebase"
)

// cacheTTL bounds how long a result stays in memory. It is not what keeps
// results current (the entries stamp is).
const cacheTTL = 5 * time.Minute

// cacheMax bounds what is kept, in units of about 4 KB (cacheCost);
// past it the cache starts again empty. An Insights result is about 70 KB
// for a heavy year and counts 18; Today's parts are a few KB or less. So
// the cache stays under about 16 MB (the memory budget is 100 MB at
// peak) and holds Insights for about 230 people, or Today for several
// hundred.
const cacheMax = 4096

// pagesMax is the same bound for memoised pages (render_memo.go), kept
// apart so that pages, cheap to make again, never push out an Insights
// result, which is not: 1,024 units, about 4 MB, Today for about 130
// people. Past it the pages alone start again empty.
const pagesMax = 1024

// pool is which bound a result counts against: 0 results, 1 pages and
// pages of the API's lists (cheap to make again).
func pool(what string) int {
	if strings.HasPrefix(what, "page ") || strings.HasPrefix(what, "api ") {
		return 1
	}
	return 0
}

var poolMax = [2]int{cacheMax, pagesMax}

// cacheCost is what a result of a kind counts against cacheMax.
func cacheCost(what string) int {
	switch {
	case what == "insights":
		return 18
	case strings.HasPrefix(what, "memo "):
		return 2
	}
	return 1
}

type cacheKey struct {
	user int64
	what string
}

type cacheItem struct {
	key   string // the day and zone it was computed for
	stamp int64  // the person's entries stamp it was computed under
	gen   uint64
	made  time.Time
	value any
	cost  int // against its pool's bound (poolMax)
}

type personCache struct {
	mu       sync.Mutex
	gens     map[int64]uint64
	items    map[cacheKey]cacheItem
	inflight map[cacheKey]chan struct{}
	used     [2]int // the cost of what items holds, per pool
}

// fresh reports whether an item still counts: made under the person's
// entries stamp as this request read it, at this instance's write count
// gen, and less than cacheTTL before now.
func (it cacheItem) fresh(stamp int64, gen uint64, now time.Time) bool {
	return it.stamp == stamp && it.gen == gen && now.Sub(it.made) <= cacheTTL && !now.Before(it.made)
}

// kept returns the value kept under k for key (a day and zone, a query;
// "" for the memos, which decide themselves whether it fits the data at
// hand) while it is fresh.
func (c *personCache) kept(k cacheKey, key string, stamp int64, now time.Time) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.items[k]
	if !ok || it.key != key || !it.fresh(stamp, c.gens[k.user], now) {
		return nil, false
	}
	return it.value, true
}

func newPersonCache() *personCache {
	return &personCache{gens: map[int64]uint64{}, items: map[cacheKey]cacheItem{}, inflight: map[cacheKey]chan struct{}{}}
}

// load returns the cached value, or computes it once: requests that
// arrive while it is being computed wait for it rather than each counting
// the same year (a page opened in several tabs, a burst of requests).
func (c *personCache) load(ctx context.Context, a securebase.Actor, what, key string, now time.Time, compute func() (any, error)) (any, error) {
	return c.loadCost(ctx, a, what, key, now, func() (any, int, error) {
		v, err := compute()
		return v, cacheCost(what), err
	})
}

// loadCost is load for a result whose cost is known only once it is made
// (a page of the API's lists, costed by its size).
func (c *personCache) loadCost(ctx context.Context, a securebase.Actor, what, key string, now time.Time, compute func() (any, int, error)) (any, error) {
	user := a.UserID
	k := cacheKey{user, what}
	for {
		c.mu.Lock()
		if it, ok := c.items[k]; ok && it.key == key && it.fresh(a.Stamp, c.gens[user], now) {
			c.mu.Unlock()
			return it.value, nil
		}
		wait, busy := c.inflight[k]
		if !busy {
			break
		}
		c.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	done := make(chan struct{})
	c.inflight[k] = done
	gen := c.gens[user]
	c.mu.Unlock()
	v, cost, err := compute()
	c.mu.Lock()
	defer c.mu.Unlock()
	if err == nil {
		// Kept before the waiters are let go, so a request that comes
		// between the two finds the result instead of computing again.
		c.putLocked(user, a.Stamp, what, key, gen, now, v, cost)
	}
	delete(c.inflight, k)
	close(done)
	return v, err
}

// putCost keeps v, computed under the entries stamp and write count gen,
// at cost (cacheCost for a kind of result; a memoised page counts by its
// size, render_memo.go).
func (c *personCache) putCost(user, stamp int64, what, key string, gen uint64, now time.Time, v any, cost int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(user, stamp, what, key, gen, now, v, cost)
}

// putLocked is putCost with c.mu held.
func (c *personCache) putLocked(user, stamp int64, what, key string, gen uint64, now time.Time, v any, cost int) {
	if gen != c.gens[user] {
		return // the person wrote meanwhile
	}
	k, in := cacheKey{user, what}, pool(what)
	if old, ok := c.items[k]; ok {
		c.used[in] -= old.cost
	}
	if c.used[in]+cost > poolMax[in] {
		for k := range c.items {
			if pool(k.what) == in {
				delete(c.items, k)
			}
		}
		c.used[in] = 0
	}
	c.items[k] = cacheItem{key: key, stamp: stamp, gen: gen, made: now, value: v, cost: cost}
	c.used[in] += cost
}

// gen is the person's write counter: a result computed from what was
// read after it is kept only while no write came since.
func (c *personCache) gen(user int64) uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gens[user]
}

// forget drops everything kept for a person: they saved, changed or
// deleted something.
func (c *personCache) forget(user int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gens[user]++
	for k := range c.items {
		if k.user == user {
			c.used[pool(k.what)] -= c.items[k].cost
			delete(c.items, k)
		}
	}
	// gens keeps one counter per person who wrote since the start (a few
	// bytes each); it is never cleared, so a stale result can never match.
}

// changeNotifier is the entry store with every write reported to the
// cache, whichever door it came through (pages, the API, import).
type changeNotifier struct {
	securebase.EntryService
	changed func(user int64)
}

func (n changeNotifier) CreateEntry(ctx context.Context, a securebase.Actor, e *securebase.Entry) (bool, error) {
	defer n.changed(a.UserID)
	return n.EntryService.CreateEntry(ctx, a, e)
}

func (n changeNotifier) UpdateEntry(ctx context.Context, a securebase.Actor, e *securebase.Entry) error {
	defer n.changed(a.UserID)
	return n.EntryService.UpdateEntry(ctx, a, e)
}

func (n changeNotifier) DeleteEntry(ctx context.Context, a securebase.Actor, kind securebase.Kind, id string) error {
	defer n.changed(a.UserID)
	return n.EntryService.DeleteEntry(ctx, a, kind, id)
}

func (n changeNotifier) ImportEntries(ctx context.Context, a securebase.Actor, entries iter.Seq2[*securebase.Entry, error]) (int, error) {
	defer n.changed(a.UserID)
	return n.EntryService.ImportEntries(ctx, a, entries)
}
