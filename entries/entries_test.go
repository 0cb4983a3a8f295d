package entries_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/assess"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/entries"
	"github.com/securebase/securebase/internal/testenv"
	"github.com/securebase/securebase/safety"
	"github.com/securebase/securebase/sqlstore"
)

// fixture is a Service over a real store, and a person with a real key.
type fixture struct {
	svc *entries.Service
	db  *sqlstore.DB
	a   securebase.Actor
}

var userSeq atomic.Int64

// onBoth runs fn on SQLite and, as its own subtest, on PostgreSQL (which
// skips without TEST_POSTGRES_URL and fails so under CI=true).
func onBoth(t *testing.T, fn func(t *testing.T, f *fixture)) {
	t.Run("sqlite", func(t *testing.T) {
		fn(t, newFixture(t, "sqlite:"+filepath.Join(t.TempDir(), "entries.db")))
	})
	t.Run("postgres", func(t *testing.T) { fn(t, newFixture(t, testenv.Postgres(t))) })
}

func newFixture(t *testing.T, dsn string) *fixture {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), dsn, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{db: db, svc: newService(t, db)}
	f.a = f.person(t)
	return f
}

// testDetector is the crisis check, built once per test binary (a
// second or more under -race); it is immutable and safe to share.
var testDetector = sync.OnceValues(safety.NewDetector)

func newService(t *testing.T, db securebase.EntryService) *entries.Service {
	t.Helper()
	detector, err := testDetector()
	if err != nil {
		t.Fatal(err)
	}
	abuse, err := safety.NewAbuseCheck()
	if err != nil {
		t.Fatal(err)
	}
	lines, err := safety.LoadDirectory()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := assess.Load()
	if err != nil {
		t.Fatal(err)
	}
	return entries.New(entries.Deps{Store: db, Detector: detector, Abuse: abuse, Assess: lib, Lines: lines, Clock: time.Now})
}

func (f *fixture) person(t *testing.T) securebase.Actor {
	t.Helper()
	id := 1000 + userSeq.Add(1)
	u := &securebase.User{ID: id, Username: fmt.Sprintf("person%d", id), CreatedAt: time.Now(), PasswordHash: "$argon2id$x",
		PasswordWrap: []byte("pw"), RecoveryWrap: []byte("rk")}
	if err := f.db.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	key, err := crypt.NewDataKey(crypt.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	return securebase.Actor{UserID: u.ID, Key: key}
}

func code(err error) string { return securebase.ErrorCode(err) }

// TestEveryKindsExampleSaves: the example each kind gives (which the proof
// harnesses save with canary phrases) passes every rule of the save path,
// and a second example under the same id is a replay, not a second entry.
func TestEveryKindsExampleSaves(t *testing.T) {
	f := newFixture(t, "sqlite:"+filepath.Join(t.TempDir(), "examples.db"))
	ctx := context.Background()
	for _, in := range securebase.KindInfos() {
		p := in.New().Example("a few words of mine")
		if err := f.svc.Check(p); err != nil {
			t.Errorf("%s: its Example does not pass the save path: %v", in.Kind, err)
			continue
		}
		sv, err := f.svc.Save(ctx, f.a, entries.Draft{Payload: in.New().Example("a few words of mine")})
		if err != nil || !sv.Created || sv.Version != 1 {
			t.Errorf("%s: Save = %+v, %v", in.Kind, sv, err)
		}
		if in.Title == "" || in.PerYear == 0 {
			t.Errorf("%s: the registry has no title or yearly count", in.Kind)
		}
	}
}

// TestPlanParts: the save path takes exactly the parts package safety
// lists, by their ids, and refuses any other.
func TestPlanParts(t *testing.T) {
	svc := newService(t, nil)
	var all []string
	for _, sec := range safety.PlanSections() {
		all = append(all, sec.ID)
		if err := svc.Check(&securebase.Plan{Sections: map[string]string{sec.ID: "words"}}); err != nil {
			t.Errorf("the part %q is refused: %v", sec.ID, err)
		}
	}
	if len(all) != 6 {
		t.Fatalf("a plan has six parts, safety lists %d", len(all))
	}
	for _, id := range []string{"favourite-food", "Warning-Signs", "professional"} {
		err := svc.Check(&securebase.Plan{Sections: map[string]string{id: "words"}})
		if code(err) != securebase.EINVALID || !strings.Contains(securebase.ErrorMessage(err), strings.Join(all, ", ")) {
			t.Errorf("the part %q: %v", id, err)
		}
	}
}

// TestReservedIDs: a check-in cannot take an id another kind keeps for
// itself, and one that did before ids were kept is moved aside when the
// plan is first saved, so the plan is never blocked for good.
func TestReservedIDs(t *testing.T) {
	onBoth(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		for _, id := range []string{securebase.PlanID, securebase.SignsID, securebase.FavouriteID("passing-1"), "fav-anything"} {
			_, err := f.svc.Save(ctx, f.a, entries.Draft{Payload: &securebase.CheckIn{Distress: 2}, ID: id})
			if code(err) != securebase.EINVALID || securebase.ErrorFields(err)["id"] == "" {
				t.Errorf("a check-in with id %q: %v", id, err)
			}
		}
		// A check-in stored under the plan's id before the rule existed.
		old, err := securebase.NewEntry(&securebase.CheckIn{Distress: 4, Note: "from before"}, "x", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		old.ID = securebase.PlanID
		if _, err := f.db.CreateEntry(ctx, f.a, old); err != nil {
			t.Fatal(err)
		}
		plan := &securebase.Plan{Sections: map[string]string{"professionals": "Dr Lee"}}
		sv, err := f.svc.Save(ctx, f.a, entries.Draft{Payload: plan})
		if err != nil || sv.ID != securebase.PlanID || sv.Kind != securebase.KindPlan {
			t.Fatalf("the plan after a squatter: %+v, %v", sv, err)
		}
		list, err := f.svc.ListEntries(ctx, f.a, securebase.EntryFilter{Kind: securebase.KindCheckIn})
		if err != nil || len(list) != 1 || list[0].ID == securebase.PlanID || !strings.Contains(string(list[0].Data), "from before") {
			t.Fatalf("the check-in was not kept under a new id: %v %v", list, err)
		}
	})
}

// TestTimes: an entry at or before the Unix epoch would read back as "no
// time" and make the whole export unimportable, so it is refused; one a
// millisecond after round-trips.
func TestTimes(t *testing.T) {
	f := newFixture(t, "sqlite:"+filepath.Join(t.TempDir(), "times.db"))
	ctx := context.Background()
	for _, at := range []time.Time{time.Unix(0, 0), time.Unix(-60, 0), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)} {
		_, err := f.svc.Save(ctx, f.a, entries.Draft{Payload: &securebase.CheckIn{Distress: 1}, OccurredAt: at})
		if code(err) != securebase.EINVALID {
			t.Errorf("a check-in at %v: %v", at, err)
		}
	}
	start := time.Unix(0, 0).UTC()
	_, err := f.svc.Save(ctx, f.a, entries.Draft{Payload: &securebase.Episode{StartedAt: start, EndedAt: start.Add(time.Minute)}})
	if code(err) != securebase.EINVALID {
		t.Errorf("an episode that starts at the epoch: %v", err)
	}
	if _, err := f.svc.Save(ctx, f.a, entries.Draft{Payload: &securebase.CheckIn{Distress: 1}, ID: "early", OccurredAt: time.UnixMilli(1)}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.svc.Export(ctx, f.a, securebase.ExportAccount{Username: "x"}, &buf); err != nil {
		t.Fatal(err)
	}
	g := f.person(t)
	res, err := f.svc.Import(ctx, g, &buf)
	if err != nil || res.Added != 1 {
		t.Fatalf("the export with the earliest time does not import: %+v, %v", res, err)
	}
}

// TestLatestUnderConcurrency: saves without a version ("this is how it is
// now") never answer a conflict, however many land at once; each replaces
// the one before, and the versions count every save.
func TestLatestUnderConcurrency(t *testing.T) {
	onBoth(t, func(t *testing.T, f *fixture) {
		const writers = 16
		var wg sync.WaitGroup
		errs := make(chan error, 2*writers)
		gate := make(chan struct{})
		for i := range writers {
			wg.Add(2)
			go func() {
				defer wg.Done()
				<-gate
				plan := &securebase.Plan{Sections: map[string]string{"professionals": fmt.Sprintf("writer %d", i)}}
				_, err := f.svc.Save(context.Background(), f.a, entries.Draft{Payload: plan, Version: entries.Latest})
				errs <- err
			}()
			go func() {
				defer wg.Done()
				<-gate
				signs := &securebase.Signs{Selected: []string{"longing"}}
				_, err := f.svc.Save(context.Background(), f.a, entries.Draft{Payload: signs, Version: entries.Latest})
				errs <- err
			}()
		}
		close(gate)
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("a save without a version: %v", err)
			}
		}
		for _, k := range []securebase.Kind{securebase.KindPlan, securebase.KindSigns} {
			e, err := f.svc.FindEntry(context.Background(), f.a, k, mustOwnID(t, k))
			if err != nil || e.Version != writers {
				t.Errorf("%s: version %v after %d saves, %v", k, e, writers, err)
			}
		}
		// With a version, a stale one is still a conflict.
		plan := &securebase.Plan{Sections: map[string]string{"professionals": "late"}}
		if _, err := f.svc.Save(context.Background(), f.a, entries.Draft{Payload: plan, Version: 1}); code(err) != securebase.ECONFLICT {
			t.Errorf("a stale version: %v", err)
		}
		if _, err := f.svc.Save(context.Background(), f.a, entries.Draft{Payload: plan}); code(err) != securebase.ECONFLICT {
			t.Errorf("creating a plan that exists: %v", err)
		}
	})
}

func mustOwnID(t *testing.T, k securebase.Kind) string {
	t.Helper()
	p, err := securebase.NewPayload(k)
	if err != nil {
		t.Fatal(err)
	}
	id, ok := securebase.OwnID(p)
	if !ok {
		t.Fatalf("%s has no id of its own", k)
	}
	return id
}

// exportFile builds an export file of n check-ins (and a plan, so the
// file has more than one kind) with prefs.
func exportFile(n int, prefs securebase.Prefs, bad string) string {
	var b strings.Builder
	b.WriteString(`{"format":"securebase-export","version":1,"exported_at":"2026-11-21T00:00:00Z","account":{"username":"x","created_at":"2026-01-01T00:00:00Z","prefs":`)
	p, _ := json.Marshal(prefs)
	b.Write(p)
	b.WriteString(`},"entries":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"c%05d","kind":"checkin","occurred_at":"2026-11-%02dT10:00:00Z","created_at":"2026-11-21T10:00:00Z","updated_at":"2026-11-21T10:00:00Z","data":{"distress":%d,"note":"note %d"}}`,
			i, 1+i%28, i%11, i)
	}
	b.WriteString(`,{"id":"safety-plan","kind":"plan","occurred_at":"2026-11-21T10:00:00Z","data":{"sections":{"professionals":"Dr Lee"}}}`)
	if bad != "" {
		b.WriteString("," + bad)
	}
	b.WriteString(`]}`)
	return b.String()
}

// TestImportIsAllOrNothing: a file whose last entry breaks a rule of the
// save path (here: a pattern that cannot run, which import once took)
// stores nothing at all; the same file without it stores everything.
func TestImportIsAllOrNothing(t *testing.T) {
	onBoth(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		for name, bad := range map[string]string{
			"a pattern at 0 seconds":  `{"id":"p1","kind":"pattern","occurred_at":"2026-01-01T00:00:00Z","data":{"name":"x","phases":[{"kind":"in","seconds":0},{"kind":"out","seconds":0}],"cycles":4}}`,
			"an unknown exercise":     `{"id":"e1","kind":"episode","occurred_at":"2026-01-01T00:00:00Z","data":{"started_at":"2026-01-01T00:00:00Z","ended_at":"2026-01-01T00:01:00Z","exercise":"juggling","tools":["ground"]}}`,
			"a check-in at the plan":  `{"id":"signs","kind":"checkin","occurred_at":"2026-01-01T00:00:00Z","data":{"distress":1}}`,
			"a repeated id":           `{"id":"c00001","kind":"checkin","occurred_at":"2026-01-01T00:00:00Z","data":{"distress":1}}`,
			"a check-in at the epoch": `{"id":"zero","kind":"checkin","occurred_at":"1970-01-01T00:00:00Z","data":{"distress":1}}`,
		} {
			_, err := f.svc.Import(ctx, f.a, strings.NewReader(exportFile(600, securebase.Prefs{}, bad)))
			if code(err) != securebase.EINVALID || !strings.Contains(securebase.ErrorMessage(err), "Entry 602") {
				t.Errorf("%s: %v", name, err)
			}
			if n, _ := f.svc.CountEntries(ctx, f.a, ""); n != 0 {
				t.Fatalf("%s: %d entries stored from a refused file", name, n)
			}
		}
		res, err := f.svc.Import(ctx, f.a, strings.NewReader(exportFile(600, securebase.Prefs{Country: "IE", TimeZone: "Europe/Dublin"}, "")))
		if err != nil || res.Added != 601 || res.Skipped != 0 || res.Prefs.Country != "IE" {
			t.Fatalf("Import = %+v, %v", res, err)
		}
		res, err = f.svc.Import(ctx, f.a, strings.NewReader(exportFile(600, securebase.Prefs{}, "")))
		if err != nil || res.Added != 0 || res.Skipped != 601 {
			t.Fatalf("the same file again: %+v, %v", res, err)
		}
	})
}

// TestImportedPrefsAreChecked: preferences from a file are refused unless
// the settings page would take them; a 30 MB time zone is refused before
// it is read whole.
func TestImportedPrefsAreChecked(t *testing.T) {
	f := newFixture(t, "sqlite:"+filepath.Join(t.TempDir(), "prefs.db"))
	for name, prefs := range map[string]securebase.Prefs{
		"unknown country": {Country: "ZZ"},
		"lower case":      {Country: "ie"},
		"no such zone":    {TimeZone: "Mars/Olympus"},
		"Local":           {TimeZone: "Local"},
		"a long zone":     {TimeZone: strings.Repeat("Europe/", 20)},
	} {
		if _, err := f.svc.Import(context.Background(), f.a, strings.NewReader(exportFile(3, prefs, ""))); code(err) != securebase.EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
	huge := exportFile(3, securebase.Prefs{TimeZone: strings.Repeat("A", 30<<20)}, "")
	if _, err := f.svc.Import(context.Background(), f.a, strings.NewReader(huge)); code(err) != securebase.ETOOLARGE {
		t.Errorf("a 30 MB time zone: %v", err)
	}
	if n, _ := f.svc.CountEntries(context.Background(), f.a, ""); n != 0 {
		t.Errorf("%d entries stored", n)
	}
}

// cutReader gives r until n bytes, then calls cut and fails as a
// connection does when the client goes away.
type cutReader struct {
	r   io.Reader
	n   int
	cut func()
}

func (c *cutReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		c.cut()
		return 0, errors.New("connection reset by peer")
	}
	if len(p) > c.n {
		p = p[:c.n]
	}
	n, err := c.r.Read(p)
	c.n -= n
	return n, err
}

// TestImportStopsWhenTheClientGoes: the server cancels a request's context
// when its client goes away. Half way through the upload, or with the
// file read and the entries about to be stored, the import stops and
// stores nothing.
func TestImportStopsWhenTheClientGoes(t *testing.T) {
	onBoth(t, func(t *testing.T, f *fixture) {
		file := exportFile(3000, securebase.Prefs{}, "")
		for name, at := range map[string]int{"half way": len(file) / 2, "at the end": len(file)} {
			ctx, cancel := context.WithCancel(context.Background())
			r := &cutReader{r: strings.NewReader(file), n: at, cut: cancel}
			if at == len(file) {
				r.r = io.MultiReader(strings.NewReader(file), &cancelAtEOF{cancel})
				r.n = len(file) + 1
			}
			_, err := f.svc.Import(ctx, f.a, r)
			if err == nil {
				t.Errorf("%s: the import went on", name)
			}
			cancel()
			if n, _ := f.svc.CountEntries(context.Background(), f.a, ""); n != 0 {
				t.Errorf("%s: %d entries stored after the client went", name, n)
			}
		}
	})
}

// cancelAtEOF cancels a context when it is read, after the whole file:
// the client is gone by the time the entries would be stored.
type cancelAtEOF struct{ cancel func() }

func (c *cancelAtEOF) Read([]byte) (int, error) { c.cancel(); return 0, io.EOF }
