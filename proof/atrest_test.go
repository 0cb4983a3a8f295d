package proof_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/internal/testenv"
	"github.com/securebase/securebase/partner"
	"github.com/securebase/securebase/proof"
)

// canariesPerKind is how many distinct phrases each entry kind gets: 1,000
// under `make proof`, 150 in every CI run (under -race the full size takes
// over ten minutes a database, and 150 a kind already fills every page of
// the tables and the WAL with sealed values).
var canariesPerKind = testenv.Size(1000, 150)

// TestNothingReadableAtRestSQLite saves canariesPerKind distinct canary phrases of
// every entry kind through the API of the real binary, then scans the
// database, its WAL, SHM and any journal, a backup made by `securebase
// backup`, and the server's log, raw and in every encoding: 0 hits. It then
// deletes the account: the checkpointed files hold 0 canaries, 0 rows of
// the account, none of its wrapped keys, session rows or ciphertexts.
func TestNothingReadableAtRestSQLite(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "rest.db")
	files := func(extra ...string) []string {
		return append([]string{path, path + "-wal", path + "-shm", path + "-journal"}, extra...)
	}
	p, err := proof.Start(bin, "-database", "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Kill()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()

	run := saveCanaries(t, p.URL)
	probe := lengthProbe(t, p.URL)
	backup := filepath.Join(dir, "backup-before.db")
	if out, err := proof.Run(context.Background(), bin, "backup", "-database", "sqlite:"+path, backup); err != nil {
		t.Fatalf("securebase backup: %v\n%s", err, out)
	}
	run.scanForSecrets(t, "before deletion", append(files(backup), "(log)"), p)
	run.checkMetadata(t, raw, "?", probe, files(backup))
	// The scanner reads the right files: the username, which is stored in
	// the clear by design, is found in them.
	if hits, _, _ := proof.NewScanner(run.user.Name).ScanFiles(files()...); len(hits) == 0 {
		t.Fatal("positive control failed: the username is not in the database files, so the scan reads the wrong files")
	}

	stored := run.storedSecrets(t, raw, "?")
	if hits, _, _ := stored.ScanFiles(files()...); len(hits) == 0 {
		t.Fatal("positive control failed: the account's own ciphertexts are not found before deletion")
	}
	run.deleteAccount(t)
	afterBackup := filepath.Join(dir, "backup-after.db")
	if out, err := proof.Run(context.Background(), bin, "backup", "-database", "sqlite:"+path, afterBackup); err != nil {
		t.Fatalf("securebase backup: %v\n%s", err, out)
	}
	run.scanForSecrets(t, "after deletion", append(files(afterBackup), "(log)"), p)
	run.checkGone(t, raw, "?")
	hits, _, err := stored.ScanFiles(files(afterBackup)...)
	if err != nil {
		t.Fatal(err)
	}
	reportHits(t, "after deletion and a checkpoint, a stored value of the account is still in the files", hits)
	t.Logf("FIGURE at-rest sqlite after deletion: %d hits of the account's %d wrapped keys, session rows and ciphertexts in the files", len(hits), stored.Needles()/4)
	if err := p.Stop(); err != nil {
		t.Fatal(err)
	}
	run.scanForSecrets(t, "after deletion and shutdown", files(afterBackup), nil)
}

// TestNothingReadableAtRestPostgres does the same on PostgreSQL: the
// files scanned are a pg_dump of the schema (the backup), the table,
// index and TOAST files of the schema after a CHECKPOINT, and the WAL
// segments written during the test, when this process can read them.
func TestNothingReadableAtRestPostgres(t *testing.T) {
	bin := binary(t)
	dbURL := proof.PostgresURL(t)
	raw, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	ctx := context.Background()
	var walStart string
	if err := raw.QueryRowContext(ctx, "SELECT pg_walfile_name(pg_current_wal_lsn())").Scan(&walStart); err != nil {
		t.Fatal(err)
	}
	p, err := proof.Start(bin, "-database", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Kill()
	run := saveCanaries(t, p.URL)
	probe := lengthProbe(t, p.URL)
	dir := t.TempDir()
	pgFiles := func(name string) []string {
		dump := filepath.Join(dir, name+".sql")
		if out, err := pgDump(dbURL, dump); err != nil {
			t.Fatalf("pg_dump: %v\n%s", err, out)
		}
		files, why := postgresFiles(t, raw, walStart)
		if why != "" {
			t.Logf("PostgreSQL's own files are not scanned: %s", why)
		}
		return append([]string{dump}, files...)
	}
	before := pgFiles("dump-before")
	run.scanForSecrets(t, "before deletion", append(before, "(log)"), p)
	run.checkMetadata(t, raw, "$", probe, before)
	if hits, _, _ := proof.NewScanner(run.user.Name).ScanFiles(before...); len(hits) == 0 {
		t.Fatal("positive control failed: the username is not in the dump or the table files")
	}
	stored := run.storedSecrets(t, raw, "$")
	run.deleteAccount(t)
	after := pgFiles("dump-after")
	run.scanForSecrets(t, "after deletion", append(after, "(log)"), p)
	run.checkGone(t, raw, "$")
	hits, _, _ := stored.ScanFiles(after[0])
	reportHits(t, "after deletion, the dump still holds a stored value of the account", hits)
	// Dead rows keep their (sealed) bytes in table files and the WAL until
	// VACUUM and WAL recycling reclaim them; docs/security.md says so.
	left, _, _ := stored.ScanFiles(after[1:]...)
	t.Logf("FIGURE at-rest postgres after deletion: %d hits of the account's stored values in the dump; %d hits of sealed values of dead rows in table files and WAL (ciphertext only, reclaimed by VACUUM)", len(hits), len(left))
}

// canaryRun is one account full of canaries.
type canaryRun struct {
	a       *proof.Agent
	api     *proof.Agent
	user    proof.Credentials
	token   string
	label   string
	userID  int64
	kinds   map[securebase.Kind]*proof.Canaries
	scanner *proof.Scanner
	// signals are the canary words of linked partners' signals, sent by
	// the account and to it (issue 16, F7).
	signals *proof.Canaries
	// ids are the entry ids the run chose, unique to the run; fixedIDs
	// name what an entry is about and are the same in every run (a
	// favourite's id names its statement). None may be stored in the
	// clear.
	ids, fixedIDs []string
}

// saveCanaries signs up, makes a token with a canary name, and saves
// canariesPerKind phrases of every kind through the API with four
// clients at once; a tenth are then changed and a tenth deleted, so old
// versions and freed pages are scanned too. It checks that the export
// holds every live phrase: they really were stored.
func saveCanaries(t *testing.T, base string) *canaryRun {
	t.Helper()
	r := &canaryRun{a: proof.NewAgent(proof.Loopback(), base), kinds: map[securebase.Kind]*proof.Canaries{}}
	name := "rest-" + strings.ToLower(proof.NewCanaries(0).Marker[4:14])
	if err := r.a.SignUp(name, "canary password "+proof.NewCanaries(0).Marker); err != nil {
		t.Fatal(err)
	}
	r.user = r.a.User
	r.label = "token label " + proof.NewCanaries(0).Marker
	var err error
	if r.token, err = r.a.NewToken(r.label); err != nil {
		t.Fatal(err)
	}
	r.api = r.a.WithToken(r.token)
	r.scanner = proof.NewScanner(r.user.Password, r.user.RecoveryKey, strings.ReplaceAll(r.user.RecoveryKey, "-", ""),
		r.token, r.token[4:], r.label, r.a.Session())
	var live []string
	for _, k := range securebase.Kinds() {
		s, err := proof.SampleFor(k)
		if err != nil {
			t.Error(err)
			continue
		}
		c := proof.NewCanaries(canariesPerKind)
		r.kinds[k] = c
		r.scanner.Add(c.Marker)
		if s.NoFreeText {
			// No text to carry a phrase: look for the payload's JSON itself.
			if b, err := securebase.EncodePayload(s.Payload("")); err == nil {
				r.scanner.Add(string(b))
			}
		}
		if s.Mode() == proof.Single {
			// One entry, replaced by every save: each earlier version
			// must be as unreadable as the one that stays. Without free
			// text there is nothing new to say after a few saves.
			saves := c.Phrases
			if s.NoFreeText {
				saves = saves[:10]
			}
			for i, phrase := range saves {
				if _, err := r.api.Must(s.Save("", phrase), http.StatusCreated, http.StatusOK); err != nil {
					t.Fatalf("%s: save %d: %v", k, i, err)
				}
			}
			if !s.NoFreeText {
				live = append(live, c.Phrases[len(c.Phrases)-1])
			}
			t.Logf("%s: one entry saved %d times through the API, each with a new canary phrase", k, len(saves))
			continue
		}
		n := s.Distinct(canariesPerKind)
		// Client-chosen ids carry the run's marker, so a scan of files
		// other runs write too (PostgreSQL's WAL) finds only this run's.
		prefix := string(k) + "-" + c.Marker[4:12]
		for i := range n {
			switch s.Mode() {
			case proof.Keyed: // a favourite's id names the statement: fav-staying-3
				if own, ok := securebase.OwnID(s.ForKey(s.ID(prefix, i))); ok {
					r.fixedIDs = append(r.fixedIDs, own)
				}
			case proof.Many: // ids the client chose
				r.ids = append(r.ids, s.ID(prefix, i))
			}
		}
		jobs := make(chan int)
		var wg sync.WaitGroup
		var mu sync.Mutex
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range jobs {
					id, phrase := s.ID(prefix, i), c.Phrases[i]
					_, err := r.api.Must(s.Save(id, phrase), http.StatusCreated)
					switch {
					case err == nil && i%10 == 1 && s.Change != nil: // a change: the old version must not linger either
						_, err = r.api.Must(s.Change(id, "a change "+id), http.StatusOK)
						phrase = ""
					case err == nil && i%10 == 2:
						_, err = r.api.Must(s.Delete(id), http.StatusNoContent, http.StatusOK)
						phrase = ""
					}
					if err != nil {
						t.Error(err)
					}
					mu.Lock()
					if phrase != "" && !s.NoFreeText {
						live = append(live, phrase)
					}
					mu.Unlock()
				}
			}()
		}
		for i := range n {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		changed := "a tenth changed, "
		if s.Change == nil {
			changed = ""
		}
		t.Logf("%s: %d entries saved through the API (%sa tenth deleted)", k, n, changed)
	}
	r.saveSignals(t, base)
	export, err := r.api.Must(proof.Get("/api/v1/export"), http.StatusOK)
	if err != nil {
		t.Fatal(err)
	}
	for _, phrase := range live {
		if !strings.Contains(export.String(), phrase) {
			t.Fatalf("positive control failed: the export lacks a saved phrase (%s)", phrase)
		}
	}
	return r
}

// saveSignals links the account with a second one and sends the most
// signals the limit allows each way (partner.SignalsPerHour), every one
// with canary words; the partner reads them all back (the positive
// control: they were stored).
func (r *canaryRun) saveSignals(t *testing.T, base string) {
	t.Helper()
	other := proof.NewAgent(proof.Loopback(), base)
	if err := other.SignUp("rest-partner-"+strings.ToLower(proof.NewCanaries(0).Marker[4:14]), "partner password "+proof.NewCanaries(0).Marker); err != nil {
		t.Fatal(err)
	}
	if err := r.a.LinkWith(other); err != nil {
		t.Fatal(err)
	}
	r.signals = proof.NewCanaries(2 * partner.SignalsPerHour)
	r.scanner.Add(r.signals.Marker)
	// Half way, the partner mutes signals: the account's later signals
	// are kept as its own copies alone (sealed to its own key).
	half := len(r.signals.Phrases) / 2
	for i, words := range r.signals.Phrases {
		if i == half {
			if _, err := other.Must(proof.Form("POST", "/partner/link/mute", url.Values{"mute": {"on"}}), http.StatusSeeOther); err != nil {
				t.Fatal(err)
			}
		}
		from := r.a
		if i%2 == 1 {
			from = other
		}
		if err := from.Signal("thinking-of-you", words); err != nil {
			t.Fatalf("signal %d: %v", i, err)
		}
	}
	mine, err := r.a.Must(proof.Get("/api/v1/partner/signals"), http.StatusOK)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := other.Must(proof.Get("/api/v1/partner/signals"), http.StatusOK)
	if err != nil {
		t.Fatal(err)
	}
	for i, words := range r.signals.Phrases {
		if !strings.Contains(mine.String(), words) {
			t.Fatalf("positive control failed: the account does not read a signal's words (%s)", words)
		}
		if muted := i >= half && i%2 == 0; strings.Contains(theirs.String(), words) == muted {
			t.Fatalf("signal %d (sent while muted: %v): the partner reads it: %v", i, muted, !muted)
		}
	}
	t.Logf("signals: the account linked with a partner, %d signals sent each way with canary words, the partner muted after half of them", partner.SignalsPerHour)
}

// scanForSecrets scans files (and, for "(log)", the server's log) for
// every canary, the password, recovery key, token and its name, and the
// session cookie.
func (r *canaryRun) scanForSecrets(t *testing.T, when string, files []string, p *proof.Proc) {
	t.Helper()
	var paths []string
	var hits []proof.Hit
	for _, f := range files {
		if f == "(log)" {
			if p != nil {
				hits = append(hits, r.scanner.Scan("the server log", []byte(p.Logs.String()))...)
			}
			continue
		}
		paths = append(paths, f)
	}
	fileHits, sizes, err := r.scanner.ScanFiles(paths...)
	if err != nil {
		t.Fatal(err)
	}
	hits = append(hits, fileHits...)
	reportHits(t, when+": found", hits)
	var read []string
	total := 0
	for _, f := range paths {
		if sizes[f] > 0 {
			read = append(read, fmt.Sprintf("%s %d B", filepath.Base(f), sizes[f]))
			total += sizes[f]
		}
	}
	sort.Strings(read)
	n := 0
	for _, c := range r.kinds {
		n += len(c.Phrases)
	}
	if r.signals != nil {
		n += len(r.signals.Phrases)
	}
	t.Logf("FIGURE at-rest %s: %d canary phrases of %d kinds and partner signals + password, recovery key, token, token name, cookie; %d byte patterns (raw, hex, base64 ×3 alignments, url, json, utf-16); %d files, %d bytes (%s): %d hits",
		when, n, len(r.kinds), r.scanner.Needles(), len(read), total, strings.Join(read, ", "), len(hits))
}

// reportHits fails the test with the first few hits and their number.
func reportHits(t *testing.T, what string, hits []proof.Hit) {
	t.Helper()
	for i, h := range hits {
		if i == 5 {
			t.Errorf("%s: … %d hits in all", what, len(hits))
			break
		}
		t.Errorf("%s: %s", what, h)
	}
}

// storedSecrets reads the account's sealed and wrapped values straight
// from the database, so a later scan can prove they are gone.
func (r *canaryRun) storedSecrets(t *testing.T, raw *sql.DB, ph string) *proof.Scanner {
	t.Helper()
	q := func(s string) string {
		if ph == "$" {
			return strings.Replace(s, "?", "$1", 1)
		}
		return s
	}
	if err := raw.QueryRow(q("SELECT id FROM users WHERE username = ?"), r.user.Name).Scan(&r.userID); err != nil {
		t.Fatal(err)
	}
	sc := proof.NewScanner()
	for _, query := range []string{
		"SELECT password_wrap FROM users WHERE id = ?",
		"SELECT recovery_wrap FROM users WHERE id = ?",
		"SELECT key_wrap FROM sessions WHERE user_id = ?",
		"SELECT label FROM sessions WHERE user_id = ? AND label IS NOT NULL",
		"SELECT data FROM entries WHERE user_id = ?",
		"SELECT private FROM partner_keys WHERE user_id = ?",
		"SELECT sealed FROM partner_signals WHERE ? IN (sender_id, recipient_id)",
	} {
		rows, err := raw.Query(q(query), r.userID)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var b []byte
			if err := rows.Scan(&b); err != nil {
				t.Fatal(err)
			}
			sc.AddBytes(query, b)
		}
		rows.Close()
	}
	return sc
}

// deleteAccount deletes the account through the settings form.
func (r *canaryRun) deleteAccount(t *testing.T) {
	t.Helper()
	if _, err := r.a.Must(proof.Form("POST", "/settings/delete", url.Values{"password": {r.user.Password}}), http.StatusSeeOther); err != nil {
		t.Fatal(err)
	}
	if _, err := r.api.Must(proof.Get("/api/v1/me"), http.StatusUnauthorized); err != nil {
		t.Fatalf("the token works after the account is deleted: %v", err)
	}
}

// checkGone counts what is left of the account: no rows anywhere.
func (r *canaryRun) checkGone(t *testing.T, raw *sql.DB, ph string) {
	t.Helper()
	counts := map[string]int{}
	for table, query := range map[string]string{
		"users":    "SELECT COUNT(*) FROM users WHERE id = ? OR username = ?",
		"sessions": "SELECT COUNT(*) FROM sessions WHERE user_id = ? OR user_id = ?",
		"entries":  "SELECT COUNT(*) FROM entries WHERE user_id = ? OR user_id = ?",
		// Linked partners: the key, the link (both sides), the signals.
		"partner_keys":    "SELECT COUNT(*) FROM partner_keys WHERE user_id = ? OR user_id = ?",
		"partner_links":   "SELECT COUNT(*) FROM partner_links WHERE user_id = ? OR partner_id = ?",
		"partner_signals": "SELECT COUNT(*) FROM partner_signals WHERE sender_id = ? OR recipient_id = ?",
	} {
		if ph == "$" {
			query = strings.Replace(strings.Replace(query, "?", "$1", 1), "?", "$2", 1)
		}
		arg2 := any(r.userID)
		if table == "users" {
			arg2 = r.user.Name
		}
		var n int
		if err := raw.QueryRow(query, r.userID, arg2).Scan(&n); err != nil {
			t.Fatal(err)
		}
		counts[table] = n
		if n != 0 {
			t.Errorf("after deletion, %d %s rows of the account remain", n, table)
		}
	}
	t.Logf("FIGURE at-rest rows left after deletion: users %d, sessions (and wrapped session keys) %d, entries %d, partner keys %d, links %d, signals %d",
		counts["users"], counts["sessions"], counts["entries"], counts["partner_keys"], counts["partner_links"], counts["partner_signals"])
}

// pgDump writes a plain-SQL dump of the URL's schema.
func pgDump(dbURL, dest string) (string, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return "", err
	}
	schema := u.Query().Get("search_path")
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	return runTool("pg_dump", "--no-owner", "--schema="+schema, "--file="+dest, u.String())
}

// postgresFiles lists the files of the schema's tables, indexes and TOAST
// tables after a CHECKPOINT, and the WAL segments since walStart; or says
// why they cannot be read here.
func postgresFiles(t *testing.T, raw *sql.DB, walStart string) ([]string, string) {
	t.Helper()
	var dataDir, walEnd string
	if err := raw.QueryRow("SHOW data_directory").Scan(&dataDir); err != nil {
		return nil, "SHOW data_directory: " + err.Error()
	}
	if _, err := raw.Exec("CHECKPOINT"); err != nil {
		return nil, "CHECKPOINT: " + err.Error()
	}
	if err := raw.QueryRow("SELECT pg_walfile_name(pg_current_wal_lsn())").Scan(&walEnd); err != nil {
		return nil, err.Error()
	}
	rows, err := raw.Query(`SELECT pg_relation_filepath(c.oid) FROM pg_class c
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'i')
		UNION SELECT pg_relation_filepath(c.reltoastrelid) FROM pg_class c
		WHERE c.relnamespace = current_schema()::regnamespace AND c.reltoastrelid <> 0`)
	if err != nil {
		return nil, err.Error()
	}
	defer rows.Close()
	var files []string
	for rows.Next() {
		var rel sql.NullString
		if err := rows.Scan(&rel); err != nil || !rel.Valid {
			continue
		}
		base := filepath.Join(dataDir, rel.String)
		for _, pattern := range []string{base, base + ".[0-9]*", base + "_*"} {
			matches, _ := filepath.Glob(pattern)
			files = append(files, matches...)
		}
	}
	if len(files) == 0 {
		return nil, "no table files found"
	}
	if _, err := os.Stat(files[0]); err != nil {
		return nil, "cannot read " + files[0] + ": " + err.Error()
	}
	wal, _ := filepath.Glob(filepath.Join(dataDir, "pg_wal", "*"))
	for _, w := range wal {
		if b := filepath.Base(w); len(b) == 24 && b >= walStart && b <= walEnd {
			files = append(files, w)
		}
	}
	return files, ""
}

// lengthProbe makes a second account with eleven check-ins that differ
// only in their distress rating (0 to 10), saved through the API, and
// returns its username; checkMetadata then reads their sealed lengths.
func lengthProbe(t *testing.T, base string) string {
	t.Helper()
	a := proof.NewAgent(proof.Loopback(), base)
	name := "len-" + strings.ToLower(proof.NewCanaries(0).Marker[4:14])
	if err := a.SignUp(name, "length probe password "+proof.NewCanaries(0).Marker); err != nil {
		t.Fatal(err)
	}
	for d := 0; d <= 10; d++ {
		if _, err := a.Must(proof.JSON("POST", "/api/v1/checkins", map[string]any{"distress": d, "note": "the same few words"}), http.StatusCreated); err != nil {
			t.Fatal(err)
		}
	}
	return name
}

// checkMetadata is issue 10, finding 6, at rest: no entry id the run
// chose or that names what an entry is about (favourites) is in the
// files, and sealed values do not give a distress rating away by their
// length. Favourite ids are the same in every run, so they are looked for
// only in files no other run writes: on PostgreSQL, the dump and the
// schema's own table and index files, not the cluster's shared WAL (where
// another engineer's run of an older build could have put them).
func (r *canaryRun) checkMetadata(t *testing.T, raw *sql.DB, ph, probe string, files []string) {
	t.Helper()
	var own []string
	for _, f := range files {
		if !strings.Contains(f, string(filepath.Separator)+"pg_wal"+string(filepath.Separator)) {
			own = append(own, f)
		}
	}
	hits, _, err := proof.NewScanner(r.ids...).ScanFiles(files...)
	if err != nil {
		t.Fatal(err)
	}
	fixed, _, err := proof.NewScanner(r.fixedIDs...).ScanFiles(own...)
	if err != nil {
		t.Fatal(err)
	}
	hits = append(hits, fixed...)
	reportHits(t, "an entry id is stored in the clear", hits)
	q := "SELECT length(e.data) FROM entries e JOIN users u ON u.id = e.user_id WHERE u.username = ?"
	if ph == "$" {
		q = strings.Replace(q, "?", "$1", 1)
	}
	rows, err := raw.Query(q, probe)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	lengths := map[int]int{}
	n := 0
	for rows.Next() {
		var l int
		if err := rows.Scan(&l); err != nil {
			t.Fatal(err)
		}
		lengths[l]++
		n++
	}
	if n != 11 {
		t.Fatalf("the length probe stored %d check-ins, want 11", n)
	}
	if len(lengths) != 1 {
		t.Errorf("check-ins that differ only in distress (0–10) are stored at %d different lengths: %v", len(lengths), lengths)
	}
	t.Logf("FIGURE at-rest metadata: %d client-chosen entry ids looked for in %d files, %d favourite ids in %d: %d hits; 11 check-ins rated 0–10 sealed to %d distinct lengths",
		len(r.ids), len(files), len(r.fixedIDs), len(own), len(hits), len(lengths))
}
