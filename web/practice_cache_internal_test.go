package web

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/securebase/securebase"
)

// TestPersonCache: a result is kept per person, day and zone; a write
// during the computation keeps it from being stored; a new entries stamp
// (a write through another instance) is never answered from the cache;
// requests that come during a computation share it; results expire.
func TestPersonCache(t *testing.T) {
	c := newPersonCache()
	ctx := context.Background()
	now := time.Date(2026, 11, 21, 23, 40, 0, 0, time.UTC)
	var runs atomic.Int32
	compute := func(v string) func() (any, error) {
		return func() (any, error) { runs.Add(1); return v, nil }
	}
	get := func(key string, at time.Time, v string) any {
		t.Helper()
		got, err := c.load(ctx, securebase.Actor{UserID: 1}, "insights", key, at, compute(v))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if get("day1", now, "a") != "a" || get("day1", now, "b") != "a" || runs.Load() != 1 {
		t.Fatalf("not kept: %d runs", runs.Load())
	}
	if get("day2", now, "c") != "c" {
		t.Fatal("a new day used yesterday's result")
	}
	c.forget(1)
	if get("day2", now, "d") != "d" {
		t.Fatal("a write did not drop the result")
	}
	if get("day2", now.Add(cacheTTL+time.Second), "e") != "e" {
		t.Fatal("an old result outlived its TTL")
	}
	// A write through another instance: this instance saw nothing, but
	// the session lookup reads a new entries stamp.
	at := securebase.Actor{UserID: 4, Stamp: 5}
	if got, _ := c.load(ctx, at, "insights", "day", now, compute("before")); got != "before" {
		t.Fatalf("first load: %v", got)
	}
	if got, _ := c.load(ctx, at, "insights", "day", now, compute("same stamp")); got != "before" {
		t.Fatalf("the same stamp did not reuse the result: %v", got)
	}
	at.Stamp = 6
	if got, _ := c.load(ctx, at, "insights", "day", now, compute("after")); got != "after" {
		t.Fatalf("a result outlived a new entries stamp: %v", got)
	}
	// A write while computing: the result is returned but not kept.
	_, _ = c.load(ctx, securebase.Actor{UserID: 2}, "insights", "day", now, func() (any, error) { c.forget(2); return "stale", nil })
	if got, _ := c.load(ctx, securebase.Actor{UserID: 2}, "insights", "day", now, compute("fresh")); got != "fresh" {
		t.Fatalf("a result computed across a write was kept: %v", got)
	}
	// Requests during a computation wait for it instead of computing.
	runs.Store(0)
	release := make(chan struct{})
	started := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, _ = c.load(ctx, securebase.Actor{UserID: 3}, "insights", "day", now, func() (any, error) {
			close(started)
			<-release
			runs.Add(1)
			return "once", nil
		})
	}()
	<-started
	results := make(chan any, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, _ := c.load(ctx, securebase.Actor{UserID: 3}, "insights", "day", now, compute("again"))
			results <- v
		}()
	}
	close(release)
	wg.Wait()
	close(results)
	for v := range results {
		if v != "once" && runs.Load() > 1 {
			t.Fatalf("a waiting request computed again: %v (%d runs)", v, runs.Load())
		}
	}
}
