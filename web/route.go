package web

import (
	"net/http"
)

// Access says who may use a route.
type Access int

const (
	Public   Access = iota // anyone, signed in or not
	SignedIn               // a browser session; otherwise redirect to sign in
	API                    // a token or a browser session; otherwise 401 JSON
)

// Route is one entry of the route table.
type Route struct {
	Method  string // GET or POST (PUT, DELETE on the API)
	Pattern string // net/http pattern; {id} names an object owned by a user
	Access  Access
	Name    string // for logs and metrics: never the raw path
	// Owned names the kind of object {id} stands for ("checkin",
	// "session", …), so the isolation tests know how to make one.
	Owned string
	// BodyLimit is the most a request may send, in bytes; 0 is maxBody,
	// plenty for any form or JSON object.
	BodyLimit int64
	// Cached lets browsers keep the answer (static files, named by their
	// hash); every other answer is no-store.
	Cached bool
	// Sessionless routes answer everyone alike and never read a session:
	// static files and health checks cost no database read.
	Sessionless bool
	handle      func(w http.ResponseWriter, r *http.Request) error
}

// routeTable is every route of the server. Add a feature's routes here.
func (s *Server) routeTable() []Route {
	routes := []Route{
		// Operations.
		{Method: "GET", Pattern: "/healthz", Name: "healthz", Sessionless: true, handle: s.healthz},
		{Method: "GET", Pattern: "/readyz", Name: "readyz", Sessionless: true, handle: s.readyz},
		{Method: "GET", Pattern: "/static/{file...}", Name: "static", Cached: true, Sessionless: true, handle: s.serveStatic},
		{Method: "GET", Pattern: "/favicon.ico", Name: "favicon", Cached: true, handle: s.favicon},
		{Method: "GET", Pattern: "/sw.js", Name: "service worker", handle: s.serviceWorker},
		{Method: "GET", Pattern: "/manifest.webmanifest", Name: "manifest", handle: s.manifest},

		// Public pages.
		{Method: "GET", Pattern: "/{$}", Name: "home", handle: s.home},
		{Method: "GET", Pattern: "/help", Name: "help", handle: s.help},
		// The safety net (issue 8, crisis.go): more help (G4), safety in a
		// relationship, every care panel's country picker, the lines as JSON.
		{Method: "GET", Pattern: "/help/more", Name: "help more", handle: s.helpMore},
		{Method: "GET", Pattern: "/help/safety", Name: "help safety", handle: s.helpSafety},
		{Method: "POST", Pattern: "/country", Name: "country", handle: s.chooseCountry},
		{Method: "GET", Pattern: "/api/v1/crisis-lines", Name: "api crisis lines", handle: s.apiCrisisLines},
		{Method: "GET", Pattern: "/sos", Name: "sos", handle: s.visit(s.buildSOS)},
		{Method: "GET", Pattern: "/signup", Name: "signup", handle: s.signupPage},
		{Method: "POST", Pattern: "/signup", Name: "signup", handle: s.signup},
		{Method: "POST", Pattern: "/recovery-key/download", Name: "recovery key download", handle: s.recoveryKeyDownload},
		{Method: "GET", Pattern: "/signin", Name: "signin", handle: s.signinPage},
		{Method: "POST", Pattern: "/signin", Name: "signin", handle: s.signin},
		{Method: "GET", Pattern: "/reset", Name: "reset", handle: s.resetPage},
		{Method: "GET", Pattern: "/learn", Name: "learn", handle: s.learnIndex},
		{Method: "GET", Pattern: "/learn/faq", Name: "learn faq", handle: s.learnFAQ},
		{Method: "GET", Pattern: "/learn/{slug}", Name: "lesson", handle: s.learnLesson},
		{Method: "POST", Pattern: "/reset", Name: "reset", handle: s.reset},

		// Signed in.
		{Method: "POST", Pattern: "/signout", Access: SignedIn, Name: "signout", handle: s.signout},
		{Method: "GET", Pattern: "/today", Access: SignedIn, Name: "today", handle: s.visit(s.buildToday)},
		{Method: "POST", Pattern: "/checkins", Access: SignedIn, Name: "checkin create", handle: s.createCheckIn},
		{Method: "GET", Pattern: "/checkins/{id}/edit", Access: SignedIn, Owned: "checkin", Name: "checkin edit", handle: s.editCheckIn},
		{Method: "POST", Pattern: "/checkins/{id}", Access: SignedIn, Owned: "checkin", Name: "checkin update", handle: s.updateCheckIn},
		{Method: "POST", Pattern: "/checkins/{id}/delete", Access: SignedIn, Owned: "checkin", Name: "checkin delete", handle: s.deleteCheckIn},
		{Method: "GET", Pattern: "/more", Access: SignedIn, Name: "more", handle: s.more},
		// A calm, focused app (issue 12): onboarding; the journal is journalRoutes.
		{Method: "GET", Pattern: "/welcome", Access: SignedIn, Name: "welcome", handle: s.welcome},
		// Practice, insights, reminders (E1–E5, issue 15: practice_*.go).
		{Method: "POST", Pattern: "/today/hard-day", Access: SignedIn, Name: "hard day", handle: s.setHardDay},
		{Method: "GET", Pattern: "/weekly", Access: SignedIn, Name: "weekly", handle: s.visit(s.buildWeekly)},
		{Method: "POST", Pattern: "/weekly", Access: SignedIn, Name: "weekly save", handle: s.saveWeekly},
		{Method: "GET", Pattern: "/weekly/{id}", Access: SignedIn, Owned: "weekly", Name: "weekly entry", handle: s.weeklyEntry},
		{Method: "GET", Pattern: "/growth", Access: SignedIn, Name: "growth", handle: s.visit(s.buildGrowth)},
		{Method: "POST", Pattern: "/growth", Access: SignedIn, Name: "growth save", handle: s.saveGrowth},
		{Method: "GET", Pattern: "/insights", Access: SignedIn, Name: "insights", handle: s.visit(s.buildInsights)},
		{Method: "GET", Pattern: "/reminders", Access: SignedIn, Name: "reminders", handle: s.visit(s.buildReminders)},
		{Method: "POST", Pattern: "/reminders", Access: SignedIn, Name: "reminders save", handle: s.saveReminders},
		{Method: "POST", Pattern: "/reminders/link", Access: SignedIn, Name: "feed new", handle: s.newFeed},
		{Method: "POST", Pattern: "/reminders/link/delete", Access: SignedIn, Name: "feed delete", handle: s.deleteFeed},
		{Method: "GET", Pattern: "/calendar/{file}", Name: "calendar feed", Sessionless: true, handle: s.calendarFeed},

		// Attachment questionnaire and signs (A1, A2: attachment.go, attempt*.go, signs.go).
		{Method: "GET", Pattern: "/attachment", Access: SignedIn, Name: "attachment", handle: s.visit(s.buildAttachment)},
		{Method: "POST", Pattern: "/attachment/attempts", Access: SignedIn, Name: "attempt start", handle: s.startAttempt},
		{Method: "GET", Pattern: "/attachment/attempts/{id}", Access: SignedIn, Owned: "attempt", Name: "attempt", handle: s.takeAttempt},
		{Method: "POST", Pattern: "/attachment/attempts/{id}", Access: SignedIn, Owned: "attempt", Name: "attempt answer", handle: s.answerAttempt},
		{Method: "GET", Pattern: "/attachment/attempts/{id}/result", Access: SignedIn, Owned: "attempt", Name: "attempt result", handle: s.attemptResult},
		{Method: "POST", Pattern: "/attachment/attempts/{id}/delete", Access: SignedIn, Owned: "attempt", Name: "attempt delete", handle: s.deleteAttempt},
		{Method: "GET", Pattern: "/attachment/signs", Access: SignedIn, Name: "signs", handle: s.visit(s.buildSigns)},
		{Method: "POST", Pattern: "/attachment/signs", Access: SignedIn, Name: "signs save", handle: s.saveSignsForm},
		// Body: the regulation toolkit, the flow, what works, the safety plan.
		{Method: "POST", Pattern: "/sos", Access: SignedIn, Name: "sos save", handle: s.saveSOS},
		{Method: "GET", Pattern: "/sos/episodes/{id}", Access: SignedIn, Owned: "episode", Name: "episode", handle: s.episodePage},
		{Method: "POST", Pattern: "/sos/episodes/{id}/delete", Access: SignedIn, Owned: "episode", Name: "episode delete", handle: s.deleteEpisode},
		{Method: "GET", Pattern: "/body", Access: SignedIn, Name: "body", handle: s.bodyPage},
		{Method: "GET", Pattern: "/body/breathe", Access: SignedIn, Name: "breathe", handle: s.visit(s.buildBreatheIndex)},
		{Method: "GET", Pattern: "/body/breathe/{id}", Access: SignedIn, Owned: "pattern", Name: "breathe pattern", handle: s.breathePattern},
		{Method: "POST", Pattern: "/body/patterns", Access: SignedIn, Name: "pattern create", handle: s.createPattern},
		{Method: "POST", Pattern: "/body/patterns/{id}/delete", Access: SignedIn, Owned: "pattern", Name: "pattern delete", handle: s.deletePattern},
		{Method: "GET", Pattern: "/body/ground", Access: SignedIn, Name: "ground", handle: s.visit(s.buildGround)},
		{Method: "GET", Pattern: "/body/name", Access: SignedIn, Name: "name", handle: s.visit(s.buildName)},
		{Method: "GET", Pattern: "/body/pause", Access: SignedIn, Name: "pause", handle: s.visit(s.buildPause)},
		{Method: "GET", Pattern: "/body/reassure", Access: SignedIn, Name: "reassure", handle: s.visit(s.buildReassure)},
		{Method: "POST", Pattern: "/body/statements", Access: SignedIn, Name: "statement create", handle: s.createStatement},
		{Method: "POST", Pattern: "/body/statements/{id}/delete", Access: SignedIn, Owned: "statement", Name: "statement delete", handle: s.deleteStatement},
		{Method: "POST", Pattern: "/body/favourites", Access: SignedIn, Name: "favourite", handle: s.toggleFavourite},
		{Method: "POST", Pattern: "/body/log", Access: SignedIn, Name: "tool use save", handle: s.logTool},
		{Method: "GET", Pattern: "/body/works", Access: SignedIn, Name: "works", handle: s.worksPage},
		{Method: "GET", Pattern: "/safety-plan", Access: SignedIn, Name: "safety plan", handle: s.planPage},
		{Method: "GET", Pattern: "/safety-plan/edit", Access: SignedIn, Name: "safety plan edit", handle: s.visit(s.buildPlanEdit)},
		{Method: "POST", Pattern: "/safety-plan", Access: SignedIn, Name: "safety plan save", handle: s.savePlan},
		// Beliefs, the second pillar (issue 13: beliefs.go, beliefs_flow.go).
		{Method: "GET", Pattern: "/beliefs", Access: SignedIn, Name: "beliefs", handle: s.beliefsPage},
		{Method: "GET", Pattern: "/beliefs/core", Access: SignedIn, Name: "belief core", handle: s.visit(s.buildBeliefCore)},
		{Method: "POST", Pattern: "/beliefs/ratings", Access: SignedIn, Name: "belief rate", handle: s.saveBeliefRating},
		{Method: "GET", Pattern: "/beliefs/inquiry", Access: SignedIn, Name: "belief inquiry", handle: s.visit(s.buildInquiry)},
		{Method: "POST", Pattern: "/beliefs/inquiry", Access: SignedIn, Name: "belief inquiry step", handle: s.postInquiry},
		{Method: "GET", Pattern: "/beliefs/thoughts", Access: SignedIn, Name: "thought record", handle: s.visit(s.buildThoughts)},
		{Method: "POST", Pattern: "/beliefs/thoughts", Access: SignedIn, Name: "thought record step", handle: s.postThought},
		{Method: "GET", Pattern: "/beliefs/scripts", Access: SignedIn, Name: "scripts", handle: s.visit(s.buildScripts)},
		{Method: "POST", Pattern: "/beliefs/scripts", Access: SignedIn, Name: "script save", handle: s.saveScript},
		{Method: "POST", Pattern: "/beliefs/scripts/{id}/star", Access: SignedIn, Owned: "script", Name: "script star", handle: s.starScript},
		{Method: "POST", Pattern: "/beliefs/scripts/{id}/delete", Access: SignedIn, Owned: "script", Name: "script delete", handle: s.deleteScript},
		{Method: "GET", Pattern: "/beliefs/inner-child", Access: SignedIn, Name: "inner child", handle: s.visit(s.buildLetter)},
		{Method: "POST", Pattern: "/beliefs/inner-child", Access: SignedIn, Name: "inner child step", handle: s.postLetter},

		// For your partner (issue 16, partner.go): the secure partner's track.
		{Method: "GET", Pattern: "/partner", Access: SignedIn, Name: "partner", handle: s.visit(s.buildPartnerHome)},
		{Method: "GET", Pattern: "/partner/decoder", Access: SignedIn, Name: "partner decoder", handle: s.visit(s.buildDecoder)},
		{Method: "GET", Pattern: "/partner/decoder/{situation}", Access: SignedIn, Name: "partner situation", handle: s.decoderSituation},
		{Method: "GET", Pattern: "/partner/repair", Access: SignedIn, Name: "partner repair", handle: s.visit(s.buildRepair)},
		{Method: "POST", Pattern: "/partner/repair", Access: SignedIn, Name: "partner repair save", handle: s.saveRepair},
		{Method: "GET", Pattern: "/partner/repair/message", Access: SignedIn, Name: "partner repair message", handle: s.repairMessage},
		{Method: "GET", Pattern: "/partner/boundaries", Access: SignedIn, Name: "partner boundaries", handle: s.visit(s.buildBoundaries)},
		{Method: "POST", Pattern: "/partner/boundaries", Access: SignedIn, Name: "partner boundary save", handle: s.saveBoundary},
		{Method: "GET", Pattern: "/partner/boundaries/two-ways", Access: SignedIn, Name: "partner boundary ways", handle: s.visit(s.buildBoundaryWays)},
		{Method: "POST", Pattern: "/partner/boundaries/{id}/delete", Access: SignedIn, Owned: "partner-boundary", Name: "partner boundary delete", handle: s.deleteBoundary},
		{Method: "GET", Pattern: "/partner/talk", Access: SignedIn, Name: "partner talk", handle: s.visit(s.buildPartnerTalk)},
		{Method: "POST", Pattern: "/partner/talk", Access: SignedIn, Name: "partner talk save", handle: s.savePartnerTalk},
		{Method: "POST", Pattern: "/partner/talk/{id}/delete", Access: SignedIn, Owned: "partner-talk", Name: "partner talk delete", handle: s.deletePartnerTalk},
		{Method: "GET", Pattern: "/partner/baseline", Access: SignedIn, Name: "partner baseline", handle: s.visit(s.buildBaseline)},
		{Method: "POST", Pattern: "/partner/baseline", Access: SignedIn, Name: "partner baseline save", handle: s.saveBaseline},
		{Method: "GET", Pattern: "/partner/baseline/result", Access: SignedIn, Name: "partner baseline result", handle: s.baselineResult},
		{Method: "GET", Pattern: "/partner/help", Access: SignedIn, Name: "partner help", handle: s.visit(s.buildPartnerHelp)},
		{Method: "POST", Pattern: "/partner/help", Access: SignedIn, Name: "partner help check", handle: s.partnerHelpCheck},
		// Linked partners (issue 16, F7, partnerlink.go): codes, signals, unlink.
		{Method: "GET", Pattern: "/partner/link", Access: SignedIn, Name: "partner link", handle: s.visit(s.buildLink)},
		{Method: "POST", Pattern: "/partner/link/code", Access: SignedIn, Name: "partner link code", handle: s.linkCode},
		{Method: "POST", Pattern: "/partner/link/accept", Access: SignedIn, Name: "partner link accept", handle: s.linkAccept},
		{Method: "POST", Pattern: "/partner/link/signal", Access: SignedIn, Name: "partner signal send", handle: s.sendSignal},
		{Method: "POST", Pattern: "/partner/link/mute", Access: SignedIn, Name: "partner signals mute", handle: s.muteSignals},
		{Method: "POST", Pattern: "/partner/unlink", Access: SignedIn, Name: "partner unlink", handle: s.unlink},
		{Method: "GET", Pattern: "/api/v1/partner/signals", Access: API, Name: "api partner signals", handle: s.apiSignals},

		// Behaviour, the third pillar (issue 14: behaviour*.go).
		{Method: "GET", Pattern: "/behaviour", Access: SignedIn, Name: "behaviour", handle: s.visit(s.buildBehaviour)},
		{Method: "GET", Pattern: "/behaviour/log", Access: SignedIn, Name: "trigger log", handle: s.visit(s.buildLog)},
		{Method: "POST", Pattern: "/behaviour/triggers", Access: SignedIn, Name: "trigger create", handle: s.createTrigger},
		{Method: "GET", Pattern: "/behaviour/triggers/{id}", Access: SignedIn, Owned: "trigger", Name: "trigger", handle: s.visit(s.buildTrigger)},
		{Method: "POST", Pattern: "/behaviour/triggers/{id}", Access: SignedIn, Owned: "trigger", Name: "trigger update", handle: s.updateTrigger},
		{Method: "POST", Pattern: "/behaviour/triggers/{id}/answer", Access: SignedIn, Owned: "trigger", Name: "trigger answer", handle: s.answerTrigger},
		{Method: "POST", Pattern: "/behaviour/triggers/{id}/delete", Access: SignedIn, Owned: "trigger", Name: "trigger delete", handle: s.deleteTrigger},
		{Method: "GET", Pattern: "/behaviour/pause", Access: SignedIn, Name: "held pause", handle: s.visit(s.buildBehaviourPause)},
		{Method: "POST", Pattern: "/behaviour/pause", Access: SignedIn, Name: "held hand over", handle: s.handOver},
		{Method: "POST", Pattern: "/behaviour/held", Access: SignedIn, Name: "held create", handle: s.createHeld},
		{Method: "GET", Pattern: "/behaviour/held/{id}", Access: SignedIn, Owned: "held", Name: "held", handle: s.visit(s.buildHeld)},
		{Method: "POST", Pattern: "/behaviour/held/{id}", Access: SignedIn, Owned: "held", Name: "held decide", handle: s.decideHeld},
		{Method: "POST", Pattern: "/behaviour/held/{id}/delete", Access: SignedIn, Owned: "held", Name: "held delete", handle: s.deleteHeld},
		{Method: "GET", Pattern: "/behaviour/needs", Access: SignedIn, Name: "needs", handle: s.visit(s.buildNeeds)},
		{Method: "POST", Pattern: "/behaviour/needs", Access: SignedIn, Name: "need create", handle: s.createNeed},
		{Method: "POST", Pattern: "/behaviour/needs/{id}/delete", Access: SignedIn, Owned: "need", Name: "need delete", handle: s.deleteNeed},
		{Method: "GET", Pattern: "/behaviour/flags", Access: SignedIn, Name: "flags", handle: s.visit(s.buildFlags)},
		{Method: "POST", Pattern: "/behaviour/people", Access: SignedIn, Name: "person create", handle: s.createPerson},
		{Method: "GET", Pattern: "/behaviour/people/{id}", Access: SignedIn, Owned: "person", Name: "person", handle: s.visit(s.buildPerson)},
		{Method: "POST", Pattern: "/behaviour/people/{id}/flags", Access: SignedIn, Owned: "person", Name: "person flag", handle: s.noteFlag},
		{Method: "POST", Pattern: "/behaviour/people/{id}/delete", Access: SignedIn, Owned: "person", Name: "person delete", handle: s.deletePerson},
		{Method: "GET", Pattern: "/behaviour/talk", Access: SignedIn, Name: "talk", handle: s.visit(s.buildTalk)},
		{Method: "POST", Pattern: "/behaviour/talks", Access: SignedIn, Name: "talk create", handle: s.createTalk},
		{Method: "GET", Pattern: "/behaviour/talks/{id}", Access: SignedIn, Owned: "talk", Name: "talk one", handle: s.visit(s.buildTalkOne)},
		{Method: "POST", Pattern: "/behaviour/talks/{id}", Access: SignedIn, Owned: "talk", Name: "talk update", handle: s.updateTalk},
		{Method: "POST", Pattern: "/behaviour/talks/{id}/delete", Access: SignedIn, Owned: "talk", Name: "talk delete", handle: s.deleteTalk},

		{Method: "GET", Pattern: "/settings", Access: SignedIn, Name: "settings", handle: s.settings},
		{Method: "POST", Pattern: "/settings/prefs", Access: SignedIn, Name: "prefs", handle: s.updatePrefs},
		{Method: "POST", Pattern: "/settings/password", Access: SignedIn, Name: "password", handle: s.changePassword},
		{Method: "POST", Pattern: "/settings/recovery-key", Access: SignedIn, Name: "new recovery key", handle: s.newRecoveryKey},
		{Method: "POST", Pattern: "/settings/signout-everywhere", Access: SignedIn, Name: "signout everywhere", handle: s.signoutEverywhere},
		{Method: "POST", Pattern: "/settings/sessions/{id}/delete", Access: SignedIn, Owned: "session", Name: "session revoke", handle: s.revokeSession},
		{Method: "POST", Pattern: "/settings/tokens", Access: SignedIn, Name: "token create", handle: s.createToken},
		{Method: "POST", Pattern: "/settings/tokens/{id}/delete", Access: SignedIn, Owned: "token", Name: "token revoke", handle: s.revokeSession},
		{Method: "GET", Pattern: "/settings/export.json", Access: SignedIn, Name: "export json", handle: s.exportJSON},
		{Method: "GET", Pattern: "/settings/export.html", Access: SignedIn, Name: "export html", handle: s.exportHTML},
		{Method: "POST", Pattern: "/settings/import", Access: SignedIn, Name: "import", BodyLimit: maxImport, handle: s.importData},
		{Method: "GET", Pattern: "/settings/delete", Access: SignedIn, Name: "delete account", handle: s.deleteAccountPage},
		{Method: "POST", Pattern: "/settings/delete", Access: SignedIn, Name: "delete account", handle: s.deleteAccount},

		// JSON API.
		{Method: "GET", Pattern: "/api/v1/me", Access: API, Name: "api me", handle: s.apiMe},
		{Method: "GET", Pattern: "/api/v1/export", Access: API, Name: "api export", handle: s.apiExport},

		// Questionnaires and signs (attempt_api.go).
		{Method: "GET", Pattern: "/api/v1/instruments", Access: API, Name: "api instruments", handle: s.apiInstruments},
		{Method: "GET", Pattern: "/api/v1/attempts", Access: API, Name: "api attempts", handle: s.apiListAttempts},
		{Method: "POST", Pattern: "/api/v1/attempts", Access: API, Name: "api attempt create", handle: s.apiCreateAttempt},
		{Method: "GET", Pattern: "/api/v1/attempts/{id}", Access: API, Owned: "attempt", Name: "api attempt", handle: s.apiGetAttempt},
		{Method: "PUT", Pattern: "/api/v1/attempts/{id}/answers", Access: API, Owned: "attempt", Name: "api attempt answers", handle: s.apiAnswerAttempt},
		{Method: "POST", Pattern: "/api/v1/attempts/{id}/complete", Access: API, Owned: "attempt", Name: "api attempt complete", handle: s.apiCompleteAttempt},
		{Method: "DELETE", Pattern: "/api/v1/attempts/{id}", Access: API, Owned: "attempt", Name: "api attempt delete", handle: s.apiDeleteAttempt},
		{Method: "GET", Pattern: "/api/v1/signs", Access: API, Name: "api signs", handle: s.apiGetSigns},
		{Method: "PUT", Pattern: "/api/v1/signs", Access: API, Name: "api signs update", handle: s.apiPutSigns},
		{Method: "GET", Pattern: "/api/v1/favourites", Access: API, Name: "api favourites", handle: s.apiFavourites},
		{Method: "GET", Pattern: "/api/v1/favourites/{statement}", Access: API, Name: "api favourite", handle: s.apiGetFavourite},
		{Method: "PUT", Pattern: "/api/v1/favourites/{statement}", Access: API, Name: "api favourite set", handle: s.apiPutFavourite},
		{Method: "DELETE", Pattern: "/api/v1/favourites/{statement}", Access: API, Name: "api favourite delete", handle: s.apiDeleteFavourite},
		{Method: "GET", Pattern: "/api/v1/plan", Access: API, Name: "api plan", handle: s.apiGetPlan},
		{Method: "PUT", Pattern: "/api/v1/plan", Access: API, Name: "api plan save", handle: s.apiPutPlan},
		{Method: "GET", Pattern: "/api/v1/works", Access: API, Name: "api works", handle: s.apiWorks},
		{Method: "POST", Pattern: "/api/v1/thought-records/hints", Access: API, Name: "api thought hints", BodyLimit: 16 << 10, handle: s.apiThoughtHints},
	}
	routes = append(routes, s.journalRoutes()...) // issue 12: the journal
	for _, k := range kindAPIs() {
		routes = append(routes, k.routes(s)...)
	}
	return s.confirmDeletes(routes) // issue 12: every delete asks first (confirm.go)
}
