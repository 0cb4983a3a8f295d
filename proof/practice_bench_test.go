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

// BenchmarkPracticePages serves Today and Insights (issue 15) in process
// for a person with a heavy year of every kind (each kind's PerYear, as
// the load benchmark seeds): go test ./proof -run '^$' -bench
// PracticePages -cpuprofile cpu.out.
func BenchmarkPracticePages(b *testing.B) {
	srv := proof.NewServer(b, "", web.Config{})
	a := srv.Agent()
	if err := a.SignUp("bench-year", "a year of daily practice"); err != nil {
		b.Fatal(err)
	}
	p, err := srv.Accounts.Authenticate(context.Background(), a.Session())
	if err != nil {
		b.Fatal(err)
	}
	now := srv.Clock.Now()
	var year []*securebase.Entry
	for _, in := range securebase.KindInfos() {
		s, err := proof.SampleFor(in.Kind)
		if err != nil {
			b.Fatal(err)
		}
		n := s.Distinct(max(in.PerYear, 1))
		for j := range n {
			e, err := proof.Entry(in.Kind, s.ID(string(in.Kind), j), "breathed slowly by the window")
			if err != nil {
				b.Fatal(err)
			}
			e.OccurredAt = now.Add(-time.Duration(float64(j+1)*365/float64(n)*24) * time.Hour)
			year = append(year, e)
		}
	}
	if _, err := srv.DB.CreateEntries(context.Background(), p.Actor, year); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d entries", len(year))
	for _, c := range []struct{ name, path string }{{"today", "/today"}, {"insights", "/insights"}} {
		res, err := a.Do(proof.Get(c.path))
		if err != nil || res.Status != http.StatusOK {
			b.Fatalf("%v %v", err, res)
		}
		b.Logf("%s: %d bytes", c.path, len(res.String()))
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				res, err := a.Do(proof.Get(c.path))
				if err != nil || res.Status != http.StatusOK {
					b.Fatalf("%v %v", err, res)
				}
			}
		})
	}
	_ = fmt.Sprint
}
