package safety

// The rule table of the intimate-partner violence check (abuse.go). Each
// rule is a phrase in the pattern language of parseAbusePattern. Verbs
// are written out in the forms people use; "me", "my" and the partner
// words are what make a sentence about the writer and a partner. Change a
// rule, then run go test ./safety -run Abuse: the dev set must still pass
// and the held-out figures are measured again (docs/safety.md).

// partnerWords name a partner, a former partner, or stand for one. In an
// app about relationships, "he" and "she" are most often the partner.
var partnerWords = set("he", "she", "partner", "boyfriend", "girlfriend", "husband", "wife", "ex", "fiance", "fiancé",
	"fiancee", "fiancée", "spouse", "bf", "gf", "hubby", "wifey", "boyfriends", "lover", "date", "exboyfriend",
	"exgirlfriend", "exhusband", "exwife")

// objectPartnerWords stand for a partner in object position ("leave him").
var objectPartnerWords = set("him", "her", "his", "hers")

// helperWords may stand between the partner and the act: "he has always",
// "my ex keeps", "she then".
var helperWords = set("has", "have", "had", "is", "was", "were", "will", "would", "could", "might", "did", "does", "do",
	"keeps", "kept", "keep", "always", "again", "just", "then", "also", "even", "still", "often", "sometimes",
	"constantly", "literally", "actually", "used", "to", "been", "started", "starts", "tries", "tried", "once",
	"finally", "suddenly", "deliberately", "basically", "now", "who", "and", "gets", "got", "became")

// negationWords before an act cancel it: "he would never hit me".
var negationWords = set("not", "never", "no", "nobody", "without")

// frameWords mark a sentence about fiction, news or someone's story.
var frameWords = set("novel", "film", "movie", "book", "documentary", "series", "podcast", "article", "character",
	"characters", "game", "lyrics", "song", "scene", "episode", "tv", "show")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Shared fragments, spliced into the patterns below.
const (
	hitVerbs    = "hit|hits|hitting|slap|slaps|slapped|slapping|punch|punches|punched|punching|kick|kicks|kicked|kicking|choke|chokes|choked|choking|strangle|strangles|strangled|strangling|beat|beats|beating|bit|bites|bitten|headbutted|smacked|smacks|smack|scratched|scratches|burned|burnt|burns|stabbed|stabs|suffocated|smothered|hurt|hurts|hurting|attacked|attacks|assaulted|assaults|abuse|abuses|abused|abusing|bruised|injured|strikes|struck"
	pushVerbs   = "push|pushes|pushed|pushing|shove|shoves|shoved|shoving|threw|throws|throw|throwing|dragged|drags|drag|dragging|pinned|pins|pin|knocked|knocks|slammed|slams|grabbed|grabs|grab|grabbing|yanked|shook|shakes|tripped"
	threatVerbs = "threaten|threatens|threatened|threatening"
	bodyParts   = "face|head|neck|throat|arm|arms|wrist|wrists|hair|nose|jaw|ribs|back|stomach|chest|leg|eye|mouth|body"
	partnerObj  = "partner|boyfriend|girlfriend|husband|wife|ex|fiance|fiancé|fiancee|fiancée|spouse|him|her"
)

func abuseRules() []AbuseRule {
	return []AbuseRule{
		// Physical harm to the writer.
		{"hit-me", HarmPhysical, AgentNear, hitVerbs + " me|myself !at|to|in|on|up"},
		{"hit-my-body", HarmPhysical, AgentNear, hitVerbs + " my " + bodyParts},
		{"beat-me-up", HarmPhysical, AgentNear, "beat|beats|beaten me up"},
		{"push-me", HarmPhysical, AgentNear, pushVerbs + " me down|against|into|over|off|out|onto|around|across|by|so|hard|and|until"},
		{"push-me-end", HarmPhysical, AgentNear, pushVerbs + " me $"},
		{"push-me-ground", HarmPhysical, AgentNear, pushVerbs + " me to the ground|floor"},
		{"grab-my-body", HarmPhysical, AgentNear, "grabbed|grabs|grab|twisted|twists|pulled|pulls|yanked " + "my " + "neck|throat|hair|arm|arms|wrist|wrists"},
		{"thrown-at-me", HarmPhysical, AgentNear, "threw|throws|throw|throwing|thrown ** at me|my"},
		{"spat-on-me", HarmPhysical, AgentNear, "spat|spits|spit at|on|in me|my"},
		{"broke-my-bone", HarmPhysical, AgentNear, "broke|breaks|broken my nose|arm|ribs|rib|wrist|jaw|finger|fingers|leg|tooth|teeth"},
		{"wall-by-my-head", HarmFear, AgentNear, "punched|punches|punch|kicked|kicks|hit|hits|smashed|smashes the|a wall|door ** my head|face"},
		{"smashed-my-things", HarmControl, AgentNear, "smashed|smashes|broke|breaks|destroyed|destroys my phone|laptop|things|stuff|door|car"},
		{"put-hands-on-me", HarmPhysical, AgentNear, "put|puts|laid|lays his|her hands on me"},
		{"hitting-being", HarmPhysical, AgentNone, "being|been|am|was|get|got hit|beaten|slapped|punched|choked|strangled|kicked by my " + partnerObj},
		{"hit-by-partner", HarmPhysical, AgentNone, "hit|hits|beaten|slapped|punched|choked|strangled|kicked|abused|assaulted|raped|attacked|hurt by my " + partnerObj},

		// Threats.
		{"threaten-me", HarmThreat, AgentNear, threatVerbs + " me|to-kill|my-life"},
		{"threaten-to", HarmThreat, AgentNear, threatVerbs + " to kill|hurt|harm|stab|shoot|burn|take|send|post|share|leak|show|report|ruin|destroy|break|throw|beat|hit"},
		{"threaten-with", HarmThreat, AgentNear, threatVerbs + " ** with a|the knife|gun|weapon|bat"},
		{"will-kill-me", HarmThreat, AgentNear, "will|would|is-going-to|gonna kill|hurt|murder|stab|shoot|end me|my"},
		{"kill-me-said", HarmThreat, AgentSentence, "said|says|told|tells * will|would kill|hurt|murder me"},
		{"hurt-my-people", HarmThreat, AgentNear, "will|would hurt|harm|kill my|the mum|mother|dad|father|family|kids|children|child|son|daughter|dog|cat|sister|brother|friends"},
		{"never-see-kids", HarmThreat, AgentSentence, "take the|my kids|children|baby|son|daughter away"},
		{"never-see-again", HarmThreat, AgentSentence, "never see them|the-kids|my-kids|my-children again"},
		{"regret-it", HarmThreat, AgentSentence, "will|would make me regret it|this"},
		{"you-regret", HarmThreat, AgentSentence, "i|you will|would regret it !too"},
		{"nobody-believe", HarmControl, AgentSentence, "nobody|no-one|one would believe me|you"},
		{"scared-what-do", HarmFear, AgentNone, "scared|afraid|terrified|frightened of what he|she will|would|might do"},

		// Control.
		{"checks-my-phone", HarmControl, AgentNear, "checks|checked|check|checking|goes|went|searches|searched|reads|read|monitors|monitored through? my phone|messages|texts|emails|email|calls|dms|bag|diary"},
		{"wont-let-me", HarmControl, AgentNear, "will|does|did not let me"},
		{"not-allowed", HarmControl, AgentSentence, "not allowed to|out leave|go|see|have|talk|wear|work|use|call|visit|speak|drive|eat|sleep"},
		{"controls-money", HarmControl, AgentNear, "controls|controlled|control|takes|took|keeps|kept all? the|my|our money|finances|wages|salary|pay|benefits|savings|bank-card|cards"},
		{"takes-my-things", HarmControl, AgentNear, "took|takes|take|hid|hides|confiscated|keeps|kept my bank|passport|wages|salary|keys|car-keys|id|documents|money|purse|wallet|cards"},
		{"allowance", HarmControl, AgentNear, "gives|give|gave me an? allowance|pocket"},
		{"tracks-me", HarmControl, AgentNear, "tracks|tracked|track|tracking|monitors|monitored|watches|watched|films|filmed|records|recorded me|my-location|my-phone|my-car|my-every|where-i"},
		{"tracking-app", HarmFollow, AgentSentence, "tracking|spy|spyware app|software|tracker on|in my phone|car|bag"},
		{"decides-for-me", HarmControl, AgentNear, "decides|decide|decided|chooses|chose|tells|told me? what|who|where i|i-can|i-am can|wear|eat|see|talk|go"},
		{"who-i-can-talk", HarmControl, AgentSentence, "who i can|am and? can? not? talk|see|speak|text|message|be"},
		{"cut-me-off", HarmControl, AgentNear, "cut|cuts|isolated|isolates|isolating|kept|keeps|stopped|stops me off? from my|seeing|going|talking"},
		{"made-me-quit", HarmControl, AgentNear, "made|makes|forced|forces|pressured me quit|leave|stop|give to? my|up? job|work|studies|friends|course"},
		{"locks-me", HarmControl, AgentNear, "locks|locked|lock|shut|shuts me in|out|inside"},
		{"changes-passwords", HarmControl, AgentNear, "changes|changed|knows|demands|demanded|has my password|passwords|passcode|pin"},
		{"prove-where", HarmControl, AgentSentence, "prove|show where i am|was|have|had|went"},
		{"interrogates-me", HarmControl, AgentNear, "interrogates|interrogated|questions|questioned|grills|grilled me ** every|about-where|where"},
		{"times-me", HarmControl, AgentNear, "times|timed my trips|shopping|walks|calls|showers"},
		{"take-phone-so", HarmControl, AgentNear, "took|takes|hid|hides|smashed|broke my phone|keys so|and i"},

		// Following and stalking.
		{"follows-me", HarmFollow, AgentNear, "follows|followed|follow|following|stalks|stalked|stalking|stalk me !on-instagram|on-insta|on-tiktok|on-twitter|on-facebook|on-snapchat|on-social|on-strava|on-linkedin|on-spotify|on-youtube|back"},
		{"follows-me-to", HarmFollow, AgentNear, "follows|followed|following|tailed|tails me to|home|around|everywhere|from"},
		{"turns-up", HarmFollow, AgentSentence, "keeps|kept turning|showing|coming up|round|over"},
		{"turns-up-outside", HarmFollow, AgentNear, "turns|turned|shows|showed|waits|waited|waiting|turning|showing|lurks|parks|parked up? outside|near my|where"},
		{"tracker-on-car", HarmFollow, AgentSentence, "tracker|airtag|gps on|in|under my car|bag|bike|coat"},
		{"found-where-moved", HarmFollow, AgentNear, "found|finds out? where i moved|live|am-living|work|am-staying|am"},
		{"after-blocked", HarmFollow, AgentSentence, "after|since|though i blocked|block him|her|them"},
		{"new-numbers", HarmFollow, AgentSentence, "from new|different|other numbers|accounts"},
		{"wont-leave-alone", HarmFollow, AgentNear, "will not|does not|refuses|refused to? leave me alone"},

		// Forced.
		{"forced-me", HarmForce, AgentNear, "forced|forces|force|forcing me to|into|out|onto !try|taste|watch|dance|sing|relax|rest"},
		{"made-me-sex", HarmForce, AgentNear, "made|makes|make|pressured|pressures|pressuring|coerced|coerces|pushed|pushes me have|into|do sex|having|things|stuff"},
		{"raped-me", HarmForce, AgentNear, "raped|rapes|rape|molested|assaulted me"},
		{"sexually-assaulted", HarmForce, AgentNear, "sexually assaulted|abused|abuses|assaults me"},
		{"sex-when-no", HarmForce, AgentSentence, "sex when|after|even i said|told|say no|not"},
		{"sign-in-my-name", HarmForce, AgentSentence, "sign|signed|take|took out? a|the loan|loans|debt|credit in my name"},

		// Fear of a partner and plain words for abuse.
		{"afraid-of-partner", HarmFear, AgentNone, "afraid|scared|terrified|frightened of my " + partnerObj},
		{"afraid-of-him", HarmFear, AgentNone, "am|feel|i afraid|scared|terrified|frightened of him|her !and"},
		{"scared-go-home", HarmFear, AgentSentence, "scared|afraid|terrified|frightened to go home|back"},
		{"hiding-from", HarmFear, AgentSentence, "hiding from him|her|my-partner|my-husband|my-boyfriend"},
		{"abusive-relationship", HarmFear, AgentNone, "abusive relationship|marriage|partner|boyfriend|girlfriend|husband|wife|ex"},
		{"relationship-abusive", HarmFear, AgentNone, "relationship|marriage is|was|feels|felt|has-become abusive|violent"},
		{"is-abusive", HarmFear, AgentNear, "is|was|gets|can-be|becomes abusive|violent|dangerous"},
		{"abuses-me", HarmFear, AgentNear, "abuses|abused|abusing|mistreats|mistreated me"},
		{"domestic-abuse-me", HarmFear, AgentNone, "i am|am-in|live-with|living-with domestic abuse|violence"},
	}
}
