package proof_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/securebase/securebase/proof"
	"github.com/securebase/securebase/sqlstore"
)

// TestBackupDuringWritesRestores runs `securebase backup` while eight
// clients write, restores the copy into a fresh server, and finds there
// every write acknowledged before the backup started, and none sent after
// it finished (one consistent snapshot); the copy passes integrity_check.
func TestBackupDuringWritesRestores(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	live := filepath.Join(dir, "live.db")
	p, err := proof.Start(bin, "-database", "sqlite:"+live)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	owner := proof.NewAgent(proof.Loopback(), p.URL)
	if err := owner.SignUp("backed-up", "a copy of everything"); err != nil {
		t.Fatal(err)
	}
	token, err := owner.NewToken("backup writers")
	if err != nil {
		t.Fatal(err)
	}

	type write struct{ sent, acked time.Time }
	var (
		mu     sync.Mutex
		writes = map[string]write{}
		stop   atomic.Bool
		wg     sync.WaitGroup
	)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := owner.WithToken(token)
			for n := 0; !stop.Load(); n++ {
				id := fmt.Sprintf("b%d-%06d", w, n)
				sent := time.Now()
				res, err := a.Do(proof.JSON("POST", "/api/v1/checkins", map[string]any{"id": id, "distress": 2, "note": "kept " + id}))
				if err != nil || res.Status != http.StatusCreated {
					t.Errorf("write %s: %v %v", id, err, res)
					return
				}
				mu.Lock()
				writes[id] = write{sent: sent, acked: time.Now()}
				mu.Unlock()
			}
		}()
	}
	time.Sleep(700 * time.Millisecond)
	dest := filepath.Join(dir, "backup.db")
	started := time.Now()
	out, err := proof.Run(context.Background(), bin, "backup", "-database", "sqlite:"+live, dest)
	finished := time.Now()
	if err != nil {
		t.Fatalf("securebase backup: %v\n%s", err, out)
	}
	time.Sleep(300 * time.Millisecond)
	stop.Store(true)
	wg.Wait()

	// The copy passes integrity_check before anything opens it for writing.
	restored := filepath.Join(t.TempDir(), "restored.db")
	copyFile(t, dest, restored)
	if db, err := sqlstore.Open(context.Background(), "sqlite:"+restored, sqlstore.Options{}); err != nil {
		t.Fatal(err)
	} else {
		if err := db.IntegrityCheck(context.Background()); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	fresh, err := proof.Start(bin, "-database", "sqlite:"+restored)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Stop()
	res, err := proof.NewAgent(proof.Loopback(), fresh.URL).WithToken(token).Must(proof.Get("/api/v1/export"), http.StatusOK)
	if err != nil {
		t.Fatalf("the restored server does not accept the token made before the backup: %v", err)
	}
	var x struct {
		Entries []struct {
			ID   string `json:"id"`
			Data struct {
				Note string `json:"note"`
			} `json:"data"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(res.Body, &x); err != nil {
		t.Fatal(err)
	}
	inCopy := map[string]bool{}
	for _, e := range x.Entries {
		if e.Data.Note != "kept "+e.ID {
			t.Errorf("entry %s restored with the wrong text %q", e.ID, e.Data.Note)
		}
		inCopy[e.ID] = true
	}
	var before, missing, during, duringKept, after, afterKept int
	for id, w := range writes {
		switch {
		case w.acked.Before(started):
			before++
			if !inCopy[id] {
				missing++
				if missing <= 5 {
					t.Errorf("write %s, acknowledged before the backup started, is not in the restored copy", id)
				}
			}
		case w.sent.After(finished):
			after++
			if inCopy[id] {
				afterKept++
				t.Errorf("write %s, sent after the backup finished, is in the copy: not one snapshot", id)
			}
		default:
			during++
			if inCopy[id] {
				duringKept++
			}
		}
	}
	st, _ := os.Stat(dest)
	t.Logf("FIGURE backup: %d writes acknowledged before the backup started, %d missing from the restored copy; %d in flight during the %v backup (%d of them in the copy); %d sent after it (%d in the copy); %d bytes; integrity ok",
		before, missing, during, finished.Sub(started).Round(time.Millisecond), duringKept, after, afterKept, st.Size())
	if before == 0 || during == 0 {
		t.Fatalf("the backup did not overlap writes (before %d, during %d): the harness proved little", before, during)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
