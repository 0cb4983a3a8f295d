package proof_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/proof"
	"github.com/securebase/securebase/web"
)

// BenchmarkPages serves the load benchmark's pages in process (no socket,
// no wrk), for profiling the hot code: go test ./proof -run '^$' -bench
// Pages -cpuprofile cpu.out. The person has a year of check-ins.
func BenchmarkPages(b *testing.B) {
	srv := proof.NewServer(b, "", web.Config{})
	a := srv.Agent()
	if err := a.SignUp("bench-pages", "a year of daily practice"); err != nil {
		b.Fatal(err)
	}
	p, err := srv.Accounts.Authenticate(context.Background(), a.Session())
	if err != nil {
		b.Fatal(err)
	}
	var year []*securebase.Entry
	now := srv.Clock.Now()
	for i := range 365 {
		e, _ := proof.Entry(securebase.KindCheckIn, fmt.Sprintf("day-%03d", i), "no reply since nine, breathed slowly by the window and felt calmer")
		e.OccurredAt = now.Add(-time.Duration(i) * 24 * time.Hour)
		year = append(year, e)
	}
	if _, err := srv.DB.CreateEntries(context.Background(), p.Actor, year); err != nil {
		b.Fatal(err)
	}
	token, err := a.NewToken("bench")
	if err != nil {
		b.Fatal(err)
	}
	api := a.WithToken(token)
	n := 0
	for _, c := range []struct {
		name string
		who  *proof.Agent
		req  func() proof.Request
		want int
	}{
		{"signin", a.Stranger(), func() proof.Request { return proof.Get("/signin") }, http.StatusOK},
		{"today", a, func() proof.Request { return proof.Get("/today") }, http.StatusOK},
		{"list50", api, func() proof.Request { return proof.Get("/api/v1/checkins?limit=50") }, http.StatusOK},
		{"save", api, func() proof.Request {
			n++
			return proof.JSON("POST", "/api/v1/checkins", map[string]any{"id": fmt.Sprintf("b-%d", n), "distress": 4, "note": "a few words"})
		}, http.StatusCreated},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				res, err := c.who.Do(c.req())
				if err != nil || res.Status != c.want {
					b.Fatalf("%v %v", err, res)
				}
			}
		})
	}
}
