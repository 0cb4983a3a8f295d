package web

import (
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase/practice"
)

// TestMemoHTML: a memoised part is reused only for equal data, per
// person; new data (a new day's unticked practices, another count) is
// rendered afresh even with no write in between, and a write drops it.
func TestMemoHTML(t *testing.T) {
	st, err := loadStatic()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{cache: newPersonCache()}
	if s.views, err = loadViews(st); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 21, 23, 59, 0, 0, time.UTC)
	view := func(n int, done bool) *practiceToday {
		v := &practiceToday{Dailies: practice.Today(nil, now, time.UTC), Consistency: practice.Practised(nil, now, time.UTC, 0).Sentence()}
		v.Consistency = strings.Replace(v.Consistency, "0", string(rune('0'+n)), 1)
		v.Dailies[0].Done = done
		return v
	}
	render := func(user int64, v *practiceToday, at time.Time) string {
		t.Helper()
		out, err := s.memoHTML(user, "today top", "today", "_todaytop", v, at)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	ticked := render(1, view(3, true), now)
	if !strings.Contains(ticked, "done today") {
		t.Fatalf("the ticked practice is not ticked: %s", ticked)
	}
	// A minute later it is another day: nothing ticked, and no write came.
	if got := render(1, view(3, false), now.Add(2*time.Minute)); strings.Contains(got, "done today") {
		t.Fatal("a memo made from other data was reused")
	}
	// Another person with their own data gets their own page.
	if got := render(2, view(5, false), now); strings.Contains(got, "done today") || got == ticked {
		t.Fatal("another person's memo was used")
	}
	// Equal data reuses the memo; a write of the person drops it.
	a := render(1, view(4, true), now)
	s.cache.mu.Lock()
	kept := len(s.cache.items)
	s.cache.mu.Unlock()
	if b := render(1, view(4, true), now); a != b || kept != 2 {
		t.Fatalf("equal data was not reused (%d kept)", kept)
	}
	s.cache.forget(1)
	s.cache.mu.Lock()
	_, still := s.cache.items[cacheKey{1, "memo today top"}]
	s.cache.mu.Unlock()
	if still {
		t.Fatal("a write kept the person's memo")
	}
}

// TestCacheBound: the cache holds results up to cacheMax units of cost,
// counts a replaced or forgotten result once, and starts again empty
// past the bound.
func TestCacheBound(t *testing.T) {
	c := newPersonCache()
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	for u := int64(1); u <= int64(cacheMax/cacheCost("insights")); u++ {
		c.putCost(u, 0, "insights", "day", 0, now, "v", cacheCost("insights"))
		c.putCost(u, 0, "insights", "day", 0, now, "v again", cacheCost("insights")) // a replacement costs nothing more
	}
	n := cacheMax / cacheCost("insights")
	if len(c.items) != n || c.used[0] != n*cacheCost("insights") {
		t.Fatalf("%d kept, %d used, want %d", len(c.items), c.used[0], n)
	}
	c.forget(1)
	if len(c.items) != n-1 || c.used[0] != (n-1)*cacheCost("insights") {
		t.Fatalf("after a forget: %d kept, %d used", len(c.items), c.used[0])
	}
	for u := int64(1000); c.used[0]+cacheCost("history") <= cacheMax; u++ {
		c.putCost(u, 0, "history", "day", 0, now, "h", cacheCost("history"))
	}
	if c.used[0] != cacheMax {
		t.Fatalf("not filled to the bound: %d", c.used[0])
	}
	c.putCost(99999, 0, "history", "day", 0, now, "past the bound", cacheCost("history"))
	if len(c.items) != 1 || c.used[0] != cacheCost("history") {
		t.Fatalf("past the bound: %d kept, %d used", len(c.items), c.used[0])
	}
}

// TestPagesApart: memoised pages count against their own bound, so
// filling it drops pages only, never an Insights result.
func TestPagesApart(t *testing.T) {
	c := newPersonCache()
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	c.putCost(1, 0, "insights", "day", 0, now, "a year of charts", cacheCost("insights"))
	for u := int64(2); u < 2+pagesMax; u++ {
		c.putCost(u, 0, "page today", "", 0, now, "html", 1)
	}
	if c.used != [2]int{cacheCost("insights"), pagesMax} {
		t.Fatalf("used %v", c.used)
	}
	c.putCost(5000, 0, "page today", "", 0, now, "past the bound", 8)
	if _, ok := c.items[cacheKey{1, "insights"}]; !ok || c.used != [2]int{cacheCost("insights"), 8} || len(c.items) != 2 {
		t.Fatalf("a page pushed out a result, or pages were not dropped: used %v, %d kept", c.used, len(c.items))
	}
	c.forget(5000)
	if c.used[1] != 0 {
		t.Fatalf("a forgotten page still counts: %v", c.used)
	}
}
