package web_test

import (
	"strings"
	"testing"
)

// TestInternalErrorPage: when the database goes away, a signed-in page is a
// calm 500 with a reference the operator can find in the log, the API
// answers JSON, and neither leaks the cause.
func TestInternalErrorPage(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.signUp("quince", pw)
	e.db.Close()
	res := c.get("/today")
	expect(t, res, 500, "Something went wrong", "reference")
	if strings.Contains(res.body, "sql") || strings.Contains(res.body, "database is closed") {
		t.Fatalf("the page leaks the cause:\n%s", res.body)
	}
	ref := regexpFind(t, `<code>([A-Za-z0-9_-]{12})</code>`, res.body)
	id := strings.TrimSuffix(strings.TrimPrefix(ref, "<code>"), "</code>")
	if !strings.Contains(e.logs.String(), `"request_id":"`+id+`"`) || !strings.Contains(e.logs.String(), "request failed") {
		t.Fatalf("the log has no error line for request %s:\n%s", id, e.logs.String())
	}
	c.header.Set("Authorization", "Bearer sbp_"+strings.Repeat("A", 43))
	res = c.get("/api/v1/checkins")
	expect(t, res, 500, `"code":"internal"`, `"request_id"`)
	expect(t, c.get("/readyz"), 503, "unavailable")
}
