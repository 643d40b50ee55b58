//! Generated from the built-in packs by `TONELINT_BLESS=1 cargo test --lib builtin_regex_table`;
//! do not edit. What parsing each pattern tells (literals, captures, emptiness), so start-up
//! does not parse them; a test regenerates it and fails if it is stale.

use super::lazy::Info;

#[rustfmt::skip]
pub(crate) static TABLE: &[(&str, Info)] = &[
    (
        "!{2,}",
        Info {
            gates: &[&["!!"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "(?:^|[.!?;)]\\s+)((?:OK|Ok|Okay|Right|Correct|Understood|Clear|Got it|Capisce|Comprende|Why|Explain|Better|Next|Well|What|Huh|Eh)\\s*\\?+|(?:Hello+|HELLO+|Anyone|Anybody)\\?{2,})",
        Info {
            gates: &[],
            captures: &[None, None],
            matches_empty: false,
        },
    ),
    (
        "(?i:\\b(?:don['’]t|didn['’]t|haven['’]t|doesn['’]t|aren['’]t|do you not|did you not) you (?:think|know|see|understand|realize|realise|get it|care|ever|have anything|have something|have better)\\b|\\bcan['’]t you (?:just )?(?:see|read|understand|tell|follow|figure)\\b|\\bisn['’]t it (?:obvious|clear|evident)\\b|\\byou do (?:realise|realize|know|understand)\\b[^.!?\\n]*\\?|\\byou (?:are aware|realise|realize) that\\b[^.!?\\n]*\\?|\\bdo you (?:understand|get it|get me|follow)(?: me)?\\s*\\?|\\bdo you understand (?:why|that)\\b)|\\b(?:Don['’]t|Didn['’]t|Haven['’]t|Hasn['’]t|Aren['’]t|Weren['’]t|Wasn['’]t|Can['’]t|DON['’]T|DIDN['’]T) you\\b[^.!?\\n]*\\?",
        Info {
            gates: &[],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "(?i:\\bwhy (?:on earth |in the world |exactly |again |then |now |ever |else )?(?:did|do|does|are|were|have|had|would|didn['’]t|can['’]t|couldn['’]t|haven['’]t|aren['’]t|weren['’]t|wouldn['’]t|must|is it that) you\\b|\\bwhat (?:led|made|possessed|prompted) you to\\b)|\\bWhy (?:was|were|wasn['’]t|weren['’]t|has|hasn['’]t|have|haven['’]t|didn['’]t)\\b[^.!?\\n]*\\?",
        Info {
            gates: &[&["what ", "why "]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "(?i:\\byou (?:keep|kept|continue to|persist in|insist on) (?:on )?(?:reverting|deleting|removing|undoing|changing|adding|ignoring|breaking|making|doing|sending|asking|posting|moving|overwriting|messing|pushing|calling|opening|clicking|forgetting|skipping|repeating|blanking|re-?adding|missing)\\b|\\bwhy (?:do|did|would) you (?:keep|insist|persist|continue)\\b|\\b(?:would|will|can|could) you (?:please )?(?:just )?stop\\s*[?.!])|\\b(?:(?i:please) stop|Stop|STOP) (?i:reverting|deleting|removing|undoing|vandali[sz]ing|edit-warring|edit warring|harassing|spamming|ignoring|blanking|re-?adding|messing with|changing my|accusing)\\b",
        Info {
            gates: &[],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "[?!]*(?:\\?!|!\\?)[?!]*",
        Info {
            gates: &[],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:(?:there's|there is)\\s+(?:really\\s+|simply\\s+|honestly\\s+|unfortunately\\s+)?nothing|(?:there isn't|there is not|there's not)\\s+(?:really\\s+)?anything)\\s+(?:more\\s+|else\\s+|further\\s+)?(?:we|i)\\s+(?:can|could)\\s+do\\b|\\b(?:we|i)\\s+(?:can't|cannot|can not)\\s+do\\s+anything\\s+(?:more|else|further|about (?:it|this|that))\\b",
        Info {
            gates: &[&[" about it", " about that", " about this", " do", " else", " further", " more"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:Ugh+|UGH+|Argh+|ARGH+|Yuck|YUCK|Blech|Gah|Grr+|Ewww*)\\b|(?m:^\\s*(?:ugh+|argh+|yuck|blech|gah|grr+|ewww*)\\b)",
        Info {
            gates: &[],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:\\w+'s|is|are|was|would be)\\s+(?:an?\\s+|the\\s+|your\\s+)?(?:isp|isp's|internet provider's|internet provider|phone company|phone company's|telephone company|telephone company's|cable company|cable company's|carrier|carrier's|vendor|vendor's|manufacturer|manufacturer's|landlord's|bank's|provider's|their)\\s+(?:problem|issue|fault|responsibility|headache)\\b|\\b(?:that's|that is|it's|it is)\\s+between you and (?:your|the) (?:isp|internet provider|phone company|telephone company|cable company|carrier|vendor|manufacturer|bank|landlord|provider)\\b",
        Info {
            gates: &[&[" fault", " headache", " issue", " problem", " responsibility", "between you and the bank", "between you and the cable company", "between you and the carrier", "between you and the internet provider", "between you and the isp", "between you and the landlord", "between you and the manufacturer", "between you and the phone company", "between you and the provider", "between you and the telephone company", "between you and the vendor", "between you and your bank", "between you and your cable company", "between you and your carrier", "between you and your internet provider", "between you and your isp", "between you and your landlord", "between you and your manufacturer", "between you and your phone company", "between you and your provider", "between you and your telephone company", "between you and your vendor"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:are|were) you (?:seriously |really |actually |honestly |now )?(?:saying|suggesting|claiming|implying|accusing|telling me|trying to (?:say|tell|claim|imply|suggest))\\b|\\bso (?:what )?you(?:'re| are) (?:saying|telling me|claiming)\\b",
        Info {
            gates: &[&["are you ", "so what you are claiming", "so what you are saying", "so what you are telling me", "so what you're claiming", "so what you're saying", "so what you're telling me", "so you are claiming", "so you are saying", "so you are telling me", "so you're claiming", "so you're saying", "so you're telling me", "were you "], &["accusing", "claiming", "implying", "saying", "suggesting", "telling me", "trying to claim", "trying to imply", "trying to say", "trying to suggest", "trying to tell"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:as )?per my (?:last|previous|earlier|prior|original) (?:e-?mail|message|note|reply|response|mail)\\b|\\b(?:please )?(?:re-?read|refer (?:back )?to|see) my (?:last|previous|earlier|prior) (?:e-?mail|message|reply|response)\\b",
        Info {
            gates: &[&["per my earlier ", "per my last ", "per my original ", "per my previous ", "per my prior ", "re-read my earlier ", "re-read my last ", "re-read my previous ", "re-read my prior ", "refer back to my earlier ", "refer back to my last ", "refer back to my previous ", "refer back to my prior ", "refer to my earlier ", "refer to my last ", "refer to my previous ", "refer to my prior ", "reread my earlier ", "reread my last ", "reread my previous ", "reread my prior ", "see my earlier ", "see my last ", "see my previous ", "see my prior "], &[" my earlier e-mail", " my earlier email", " my earlier message", " my earlier reply", " my earlier response", " my last e-mail", " my last email", " my last message", " my last reply", " my last response", " my previous e-mail", " my previous email", " my previous message", " my previous reply", " my previous response", " my prior e-mail", " my prior email", " my prior message", " my prior reply", " my prior response", "per my earlier mail", "per my earlier note", "per my last mail", "per my last note", "per my original e-mail", "per my original email", "per my original mail", "per my original message", "per my original note", "per my original reply", "per my original response", "per my previous mail", "per my previous note", "per my prior mail", "per my prior note"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:as per|per|according to|due to|because of)\\s+(?:our\\s+|company\\s+|the\\s+|store\\s+)?polic(?:y|ies),?\\s+(?:we|i)\\s+(?:cannot|can't|can not|won't|will not|are unable|am unable|are not able|am not able|do not|don't|are not allowed|am not allowed|aren't allowed)\\b|\\b(?:is|'s|are|was|would be)\\s+against\\s+(?:our\\s+|company\\s+|the\\s+company's\\s+|store\\s+)?polic(?:y|ies)\\b|\\b(?:our|company)\\s+policy\\s+(?:does not|doesn't|won't|will not)\\s+(?:allow|permit)\\b|\\bpolicy is policy\\b",
        Info {
            gates: &[&["'s ", "acco", "are ", "as p", "beca", "comp", "due ", "is ", "our ", "per ", "was ", "woul"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:as)(?:(?:[ ,;:\"()\\-]|–|—)+(?:i|we|i've|we've))?(?:(?:[ ,;:\"()\\-]|–|—)+(?:have|had))?(?:[ ,;:\"()\\-]|–|—)+(?:already)(?:[ ,;:\"()\\-]|–|—)+(?:(?:said|mentioned|explained|stated|noted|told(?:[ ,;:\"()\\-]|–|—)+you|pointed(?:[ ,;:\"()\\-]|–|—)+out|indicated|outlined|wrote))\\b",
        Info {
            gates: &[&["as"], &[" out", " you", "\"out", "\"you", "(out", "(you", ")out", ")you", ",out", ",you", "-out", "-you", ":out", ":you", ";out", ";you", "explained", "indicated", "mentioned", "noted", "outlined", "said", "stated", "wrote", "–out", "–you", "—out", "—you"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:as)(?:[ ,;:\"()\\-]|–|—)+(?:i|we|i've|we've)(?:(?:[ ,;:\"()\\-]|–|—)+(?:have))?(?:[ ,;:\"()\\-]|–|—)+(?:(?:said|mentioned|explained|stated|noted|told(?:[ ,;:\"()\\-]|–|—)+you|pointed(?:[ ,;:\"()\\-]|–|—)+out|indicated|outlined|wrote))(?:(?:[ ,;:\"()\\-]|–|—)+[\\w']+){0,2}(?:[ ,;:\"()\\-]|–|—)+(?:before|previously|earlier)\\b",
        Info {
            gates: &[&["as ", "as\"", "as(", "as)", "as,", "as-", "as:", "as;", "as–", "as—"], &[" before", " earlier", " previously", "\"before", "\"earlier", "\"previously", "(before", "(earlier", "(previously", ")before", ")earlier", ")previously", ",before", ",earlier", ",previously", "-before", "-earlier", "-previously", ":before", ":earlier", ":previously", ";before", ";earlier", ";previously", "–before", "–earlier", "–previously", "—before", "—earlier", "—previously"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:as)(?:[ ,;:\"()\\-]|–|—)+(?:i|we|i've|we've)(?:(?:[ ,;:\"()\\-]|–|—)+(?:have))?(?:[ ,;:\"()\\-]|–|—)+(?:(?:said|mentioned|explained|stated|noted|told(?:[ ,;:\"()\\-]|–|—)+you|pointed(?:[ ,;:\"()\\-]|–|—)+out|indicated|outlined|wrote))(?:(?:[ ,;:\"()\\-]|–|—)+[\\w']+){0,3}(?:[ ,;:\"()\\-]|–|—)+(?:several(?:[ ,;:\"()\\-]|–|—)+times|many(?:[ ,;:\"()\\-]|–|—)+times|multiple(?:[ ,;:\"()\\-]|–|—)+times|numerous(?:[ ,;:\"()\\-]|–|—)+times|countless(?:[ ,;:\"()\\-]|–|—)+times|a(?:[ ,;:\"()\\-]|–|—)+few(?:[ ,;:\"()\\-]|–|—)+times|a(?:[ ,;:\"()\\-]|–|—)+number(?:[ ,;:\"()\\-]|–|—)+of(?:[ ,;:\"()\\-]|–|—)+times|repeatedly|more(?:[ ,;:\"()\\-]|–|—)+than(?:[ ,;:\"()\\-]|–|—)+once|twice|over(?:[ ,;:\"()\\-]|–|—)+and(?:[ ,;:\"()\\-]|–|—)+over)\\b",
        Info {
            gates: &[&["as ", "as\"", "as(", "as)", "as,", "as-", "as:", "as;", "as–", "as—"], &[" once", " over", "\"once", "\"over", "(once", "(over", ")once", ")over", ",once", ",over", "-once", "-over", ":once", ":over", ";once", ";over", "imes", "repeatedly", "twice", "–once", "–over", "—once", "—over"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:care|would you care) to (?:explain|elaborate|justify|enlighten)\\b|\\bmind (?:explaining|telling me) (?:why|what|how|yourself)\\b|\\bexplain yourself\\b|\\b(?:please |now )?explain why you\\b|\\byou (?:need|have|owe) (?:to explain|me an explanation|us an explanation)\\b|\\bi demand an (?:explanation|answer|apology)\\b|\\bi expect an (?:explanation|apology)\\b",
        Info {
            gates: &[&["care to elaborate", "care to enlighten", "care to explain", "care to justify", "explain why you", "explain yourself", "i demand an answer", "i demand an apology", "i demand an explanation", "i expect an apology", "i expect an explanation", "mind explaining how", "mind explaining what", "mind explaining why", "mind explaining yourself", "mind telling me how", "mind telling me what", "mind telling me why", "mind telling me yourself", "you have me an explanation", "you have to explain", "you have us an explanation", "you need me an explanation", "you need to explain", "you need us an explanation", "you owe me an explanation", "you owe to explain", "you owe us an explanation"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:damn|damnit|dammit|damned|darn|darnit|dang|dangit|sucks|sucked|sucky|frickin\\w*|friggin\\w*|effing|bloody hell)\\b",
        Info {
            gates: &[&["bloody hell", "dammit", "damn", "dang", "darn", "effing", "frickin", "friggin", "sucked", "sucks", "sucky"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:did|have|do) you (?:even|actually) (?:read|look at|looked at|open|opened|try|tried|check|checked)\\b|\\b(?:did you not|didn't you) (?:read|see|look at|open|notice)\\b|\\b(?:have you not|haven't you) (?:read|looked at|opened|noticed)\\b|\\bdid you (?:bother|even bother) to (?:read|look|check|open)\\b",
        Info {
            gates: &[&["did ", "didn", "do y", "have"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:fuck\\w*|f[*#@]+k\\w*|fu[*#@]{2,}|motherf\\w+|shit\\w*|sh[*#@]t\\w*|bullshit\\w*|horseshit|crap|crappy|crapola|wtf|stfu|asshole\\w*|arsehole\\w*|dumbass\\w*|jackass\\w*|half-assed|bastard\\w*|goddamn\\w*|god damn\\w*|pissed off|piss off|pisses me off)\\b|\\b(?:what|why|who|how|where|when) (?:the|in the) (?:hell|fuck)\\b|\\bthe hell\\b|\\bpain in the (?:ass|arse|butt)\\b|\\b(?:my|your|his|her|their|our|its) (?:ass|arse)\\b",
        Info {
            gates: &[&["arse", "assh", "bast", "bull", "crap", "dumb", "f#", "f*", "f@", "fu##", "fu#*", "fu#@", "fu*#", "fu**", "fu*@", "fu@#", "fu@*", "fu@@", "fuck", "god ", "godd", "half", "her ", "his ", "hors", "how ", "its ", "jack", "moth", "my a", "our ", "pain", "piss", "sh#t", "sh*t", "sh@t", "shit", "stfu", "the ", "thei", "what", "when", "wher", "who ", "why ", "wtf", "your"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:going forward|in (?:the )?future|next time|from now on|in future),? (?:please |kindly |be sure to |make sure (?:to|you) |try to |you (?:should|need to|must) )*(?:read|check|review|refer to|consult|look at|pay attention to) (?:the|our|your|any|all)? ?(?:documentation|docs|manual|faq|faqs|instructions|kb|knowledge ?base|help (?:center|centre)|help articles?|guide|articles?|e-?mails|announcements|release notes|notices)\\b",
        Info {
            gates: &[&["from now on ", "from now on, ", "going forward ", "going forward, ", "in future ", "in future, ", "in the future ", "in the future, ", "next time ", "next time, "], &["announcements", "article", "docs", "documentation", "e-mails", "emails", "faq", "guide", "help center", "help centre", "instructions", "kb", "knowledge base", "knowledgebase", "manual", "notices", "release notes"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:i don't know|i do not know|i've lost count of|i have lost count of) how many times\\b|\\bhow many (?:more )?times (?:do|must|will|should|have|did) (?:i|we)\\b|\\bfor the (?:umpteenth|hundredth|millionth|thousandth|nth) time\\b|\\bi(?:'ve| have) (?:already )?(?:answered|explained|said|covered|gone over) (?:this|that|it) (?:twice|three times|several times|many times|multiple times|more than once|repeatedly|over and over)\\b",
        Info {
            gates: &[&["for ", "how ", "i do", "i ha", "i've"], &[" it many times", " it more than once", " it multiple times", " it over and over", " it repeatedly", " it several times", " it three times", " it twice", " that many times", " that more than once", " that multiple times", " that over and over", " that repeatedly", " that several times", " that three times", " that twice", " this many times", " this more than once", " this multiple times", " this over and over", " this repeatedly", " this several times", " this three times", " this twice", "for the hundredth time", "for the millionth time", "for the nth time", "for the thousandth time", "for the umpteenth time", "how many more times did i", "how many more times did we", "how many more times do i", "how many more times do we", "how many more times have i", "how many more times have we", "how many more times must i", "how many more times must we", "how many more times should i", "how many more times should we", "how many more times will i", "how many more times will we", "how many times did i", "how many times did we", "how many times do i", "how many times do we", "how many times have i", "how many times have we", "how many times must i", "how many times must we", "how many times should i", "how many times should we", "how many times will i", "how many times will we", "i do not know how many times", "i don't know how many times", "i have lost count of how many times", "i've lost count of how many times"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:i have|i've got|i've)?\\s*(?:absolutely |simply |honestly )?no idea what you(?:'re| are) (?:talking about|on about|going on about)\\b|\\bi (?:don't|do not) (?:know|understand) what you(?:'re| are) (?:talking about|on about|going on about)\\b|\\bwhat are you (?:even )?(?:talking about|on about)\\b",
        Info {
            gates: &[&["i do not know what you are going on about", "i do not know what you are on about", "i do not know what you are talking about", "i do not know what you're going on about", "i do not know what you're on about", "i do not know what you're talking about", "i do not understand what you are going on about", "i do not understand what you are on about", "i do not understand what you are talking about", "i do not understand what you're going on about", "i do not understand what you're on about", "i do not understand what you're talking about", "i don't know what you are going on about", "i don't know what you are on about", "i don't know what you are talking about", "i don't know what you're going on about", "i don't know what you're on about", "i don't know what you're talking about", "i don't understand what you are going on about", "i don't understand what you are on about", "i don't understand what you are talking about", "i don't understand what you're going on about", "i don't understand what you're on about", "i don't understand what you're talking about", "no idea what you are going on about", "no idea what you are on about", "no idea what you are talking about", "no idea what you're going on about", "no idea what you're on about", "no idea what you're talking about", "what are you even on about", "what are you even talking about", "what are you on about", "what are you talking about"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:i'm not sure|i am not sure|i don't know|i do not know|not sure) how (?:else|much more clearly|much clearer|many (?:more )?ways) (?:to|i can|can i) (?:explain|say|put|tell|phrase|make)(?: (?:it|this|that))?\\b|\\bi(?:'ve| have) (?:explained|said) (?:it|this|that) (?:every way|in every way|as clearly as)\\b",
        Info {
            gates: &[&["i do not know how else ", "i do not know how many more ways ", "i do not know how many ways ", "i do not know how much clearer ", "i do not know how much more clearly ", "i don't know how else ", "i don't know how many more ways ", "i don't know how many ways ", "i don't know how much clearer ", "i don't know how much more clearly ", "i have explained it as clearly as", "i have explained it every way", "i have explained it in every way", "i have explained that as clearly as", "i have explained that every way", "i have explained that in every way", "i have explained this as clearly as", "i have explained this every way", "i have explained this in every way", "i have said it as clearly as", "i have said it every way", "i have said it in every way", "i have said that as clearly as", "i have said that every way", "i have said that in every way", "i have said this as clearly as", "i have said this every way", "i have said this in every way", "i've explained it as clearly as", "i've explained it every way", "i've explained it in every way", "i've explained that as clearly as", "i've explained that every way", "i've explained that in every way", "i've explained this as clearly as", "i've explained this every way", "i've explained this in every way", "i've said it as clearly as", "i've said it every way", "i've said it in every way", "i've said that as clearly as", "i've said that every way", "i've said that in every way", "i've said this as clearly as", "i've said this every way", "i've said this in every way", "not sure how else ", "not sure how many more ways ", "not sure how many ways ", "not sure how much clearer ", "not sure how much more clearly "], &[" explain", " make", " phrase", " put", " say", " tell", "i have said it as clearly as", "i have said it every way", "i have said it in every way", "i have said that as clearly as", "i have said that every way", "i have said that in every way", "i have said this as clearly as", "i have said this every way", "i have said this in every way", "i've said it as clearly as", "i've said it every way", "i've said it in every way", "i've said that as clearly as", "i've said that every way", "i've said that in every way", "i've said this as clearly as", "i've said this every way", "i've said this in every way"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:i'm not sure|i am not sure|not sure|i don't know|i do not know|i don't understand|i do not understand|i don't see|i fail to see|i can't see|i cannot see) why you(?:'re| are| were| would be| seem| feel)(?: so| this| that| getting| being| feeling)? (?:upset|angry|mad|frustrated|annoyed|worked up|irritated|bothered|offended)\\b",
        Info {
            gates: &[&["i can't see why you", "i cannot see why you", "i do not know why you", "i do not understand why you", "i don't know why you", "i don't see why you", "i don't understand why you", "i fail to see why you", "not sure why you"], &[" angry", " annoyed", " bothered", " frustrated", " irritated", " mad", " offended", " upset", " worked up"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:i'm|i am|i'll|i will|we're|we are|we'll|we will|i've|i have|we've|we have|i'm now|we're now)\\s+(?:now\\s+|going to\\s+|be\\s+|just\\s+)?(?:closing|close|closed)\\s+(?:this|your|the)\\s+(?:ticket|case|request|issue|thread|conversation)\\b|\\b(?:this|your)\\s+(?:ticket|case|request)\\s+(?:is|has been|will be|will now be)\\s+(?:now\\s+)?closed\\b|\\bclosing (?:this|the) (?:ticket|case)(?: now)?[.!]",
        Info {
            gates: &[&["closing the case now!", "closing the case now.", "closing the case!", "closing the case.", "closing the ticket now!", "closing the ticket now.", "closing the ticket!", "closing the ticket.", "i am", "i have", "i will", "i'll", "i'm", "i've", "this ", "we are", "we have", "we will", "we'll", "we're", "we've", "your "], &[" case", " closed", " conversation", " issue", " request", " thread", " ticket"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:if you(?:'d| had)|had you) (?:just |only |actually |simply |bothered to |taken the time to )?(?:read|looked at|checked|followed|paid attention to)\\b",
        Info {
            gates: &[&["had you ", "if you had ", "if you'd "], &[" checked", " followed", " looked at", " paid attention to", " read"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:in|into|using) (?:words|terms|language) (?:that )?(?:you can|you could|you'll|you will|even you can) (?:understand|follow|grasp)\\b|\\bin words of one syllable\\b|\\bin (?:simple|plain|layman's) (?:terms|words|english) for you\\b",
        Info {
            gates: &[&["in language ", "in layman's english for you", "in layman's terms for you", "in layman's words for you", "in plain english for you", "in simple english for you", "in simple terms for you", "in simple words for you", "in terms ", "in words ", "into language ", "into terms ", "into words ", "using language ", "using terms ", "using words "], &[" you can follow", " you can grasp", " you can understand", " you could follow", " you could grasp", " you could understand", " you will follow", " you will grasp", " you will understand", " you'll follow", " you'll grasp", " you'll understand", "in layman's english for you", "in layman's terms for you", "in layman's words for you", "in plain english for you", "in plain terms for you", "in plain words for you", "in simple english for you", "in simple terms for you", "in simple words for you", "in words of one syllable"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:it|this|that)(?: really)? should (?:be|have been) (?:pretty |fairly |quite |really )?(?:obvious|self-explanatory|self explanatory)\\b|\\b(?:it|this|that)(?:'s| is) (?:pretty |fairly |quite |really |completely |totally )?(?:self-explanatory|self explanatory)\\b|\\b(?:it|this|that)(?:'s| is| was) (?:pretty|fairly|really|completely|totally) obvious\\b",
        Info {
            gates: &[&["it i", "it r", "it s", "it was completely obvious", "it was fairly obvious", "it was pretty obvious", "it was really obvious", "it was totally obvious", "it's", "that", "this"], &["ious", "tory"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:it|this|that)(?:'s| is)\\s+(?:really |very |super |so |pretty |extremely )?(?:easy|simple)(?:\\s+to (?:do|fix|figure out))?[.!]|\\bit(?:'s| is) that (?:easy|simple)\\b",
        Info {
            gates: &[&["it is ", "it's ", "that is ", "that's ", "this is ", "this's "]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:just|simply|go|you can|you could) (?:google|bing) (?:it|this|that)\\b|\\b(?:just|simply|go) look (?:it|this|that) up\\b|\\bgoogle (?:it|this|that) yourself\\b|\\bgoogle is your friend\\b|\\b(?:did|have) you (?:even )?(?:try|tried) (?:googling|searching|a (?:quick )?google search)\\b|\\ba (?:quick|simple|basic) (?:google|web|internet) search (?:would|will|could) have\\b",
        Info {
            gates: &[&["did ", "go b", "go g", "go l", "goog", "have", "just", "simp", "you "], &["arch", "e it", "g it", "have", "hing", "iend", "ling", "s up", "self", "t up", "that", "this"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:let me|i'll|i will|i'm going to|allow me to) (?:spell (?:it|this|that) out|dumb (?:it|this|that) down|explain (?:it|this|that) (?:again )?(?:slowly|very slowly|really slowly|one more time|one last time))(?: for you)?\\b",
        Info {
            gates: &[&["allow me to ", "i will ", "i'll ", "i'm going to ", "let me "]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:maybe|perhaps|may i suggest(?: that)?|i suggest(?: that)?|i'd suggest(?: that)?) you (?:should |might want to |ought to |need to )?(?:actually |first |at least )?(?:read|learn|look at|familiari[sz]e|study|try reading|get into the habit)\\b|\\bwhy don't you (?:just |simply |actually )?(?:go|try|read|learn|look|stop|do it yourself|fix it yourself)\\b|\\byou (?:should|need to|ought to) (?:actually |really |first |at least )?(?:learn|read up|familiari[sz]e yourself|do your homework)\\b",
        Info {
            gates: &[&["i su", "i'd ", "may ", "mayb", "perh", "why ", "you need to ", "you ought to ", "you should "]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:please,? (?:just )?|just |you (?:need|have|ought) to |you (?:must|should) |i need you to )(?:relax|chill out|chill|settle down|simmer down)\\b|\\b(?:don't|do not) (?:get (?:so |all )?worked up|freak out|get hysterical)\\b",
        Info {
            gates: &[&["do n", "don'", "i ne", "just", "plea", "you "], &[" out", "d up", "down", "elax", "hill", "ical"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:please|you (?:need|have|ought) to|you should|you must|try to|i'd ask you to|kindly) (?:be )?(?:more careful|more cautious|pay (?:more )?attention|take more care)\\b|\\bbe more careful (?:next time|in (?:the )?future|going forward)\\b",
        Info {
            gates: &[&["be more careful going forward", "be more careful in future", "be more careful in the future", "be more careful next time", "i'd ask you to ", "kindly ", "please ", "try to ", "you have to ", "you must ", "you need to ", "you ought to ", "you should "], &[" more careful", " more cautious", " pay attention", " pay more attention", " take more care"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:problem|issue|fault|error)\\s+(?:is|lies|must be|has to be|seems to be|appears to be|is clearly|is definitely)\\s+(?:on|at|with|in)\\s+your\\s+(?:end|side)\\b|\\b(?:it's|it is|that's|that is)\\s+(?:a|an)\\s+(?:problem|issue)\\s+(?:on|at)\\s+your\\s+(?:end|side)\\b|\\bthe (?:problem|issue|fault) (?:is|lies) with you\\b",
        Info {
            gates: &[&["error ", "fault ", "issue ", "it is ", "it's ", "problem ", "that is ", "that's "], &[" end", " side", "the fault is with you", "the fault lies with you", "the issue is with you", "the issue lies with you", "the problem is with you", "the problem lies with you"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:sorry|apologi[sz]e|apologies)\\b",
        Info {
            gates: &[&["apologies", "apologise", "apologize", "sorry"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:that's|that is|this is|it's|it is)\\s+(?:just|simply)\\s+(?:how|the way)\\s+(?:it|things|the (?:service|system|product|app|software|process|policy))\\s+(?:is|are|works|work|goes)\\b|\\b(?:that's|that is)\\s+just\\s+the\\s+way\\s+it\\s+is\\b|\\bit's\\s+always\\s+been\\s+(?:like that|like this|this way|that way)\\b",
        Info {
            gates: &[&["it is ", "it's ", "that is ", "that's ", "this is "], &[" are", " goes", " is", " like that", " like this", " that way", " this way", " work"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:there's |there is )?no (?:need|reason) (?:for you )?to (?:be|get|feel) (?:so |this |that )?(?:upset|angry|mad|rude|worked up|hostile|aggressive|emotional|dramatic)\\b|\\b(?:there's |there is )?no need to (?:shout|yell|raise your voice|use capitals|use that tone|take that tone)\\b|\\byou(?:'re| are) (?:overreacting|being (?:dramatic|emotional|unreasonable|hysterical|rude))\\b|\\bdon't be (?:so )?(?:dramatic|emotional|hysterical|rude)\\b",
        Info {
            gates: &[&["don't be dramatic", "don't be emotional", "don't be hysterical", "don't be rude", "don't be so dramatic", "don't be so emotional", "don't be so hysterical", "don't be so rude", "no n", "no r", "ther", "you ", "you'"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:this|that|it)(?:'s| is| was)\\s+(?:a\\s+)?(?:pretty|really|very|fairly|quite|super|extremely)\\s+(?:basic|elementary|trivial)\\b|\\b(?:pretty|really|very|super) (?:basic|elementary|trivial) (?:stuff|question|step|steps|thing|things|concept|task|setting|fix)\\b|\\b(?:basic|elementary|trivial) stuff\\b|\\b(?:should be|is) simple enough (?:for you|for anyone|to (?:follow|understand|figure out|do yourself))\\b",
        Info {
            gates: &[&["basic stuff", "elementary stuff", "is simple enough for anyone", "is simple enough for you", "is simple enough to do yourself", "is simple enough to figure out", "is simple enough to follow", "is simple enough to understand", "it i", "it w", "it's", "pret", "real", "should be simple enough for anyone", "should be simple enough for you", "should be simple enough to do yourself", "should be simple enough to figure out", "should be simple enough to follow", "should be simple enough to understand", "supe", "that", "this", "trivial stuff", "very"], &[" basic", " elementary", " trivial", "basic stuff", "elementary stuff", "is simple enough for anyone", "is simple enough for you", "is simple enough to do yourself", "is simple enough to figure out", "is simple enough to follow", "is simple enough to understand", "should be simple enough for anyone", "should be simple enough for you", "should be simple enough to do yourself", "should be simple enough to figure out", "should be simple enough to follow", "should be simple enough to understand", "trivial stuff"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:this|that|it|these|those|the (?:\\w+ )?(?:code|patch|change|changes|fix|idea|approach|design|naming|function|method|class|implementation|api|logic|test|tests|script|syntax|wrapper|layout|diff|commit|solution|proposal|suggestion|answer|edit|edits|argument|reasoning|workaround)|your (?:\\w+ )?(?:code|patch|change|changes|fix|idea|approach|design|naming|function|method|implementation|test|tests|suggestion|answer|question|edit|edits|request|email|logic|reasoning|argument|work|solution|proposal|definition|workaround))(?:'s|'re| is| are| looks?| seems?| sounds?| reads?| feels?)(?: (?:just|really|so|pretty|totally|completely|utterly|absolutely|quite|rather|very|kind of|kinda|a bit|fairly|super|too|incredibly|extremely|plain|simply|all|still))* (?:ugly|stupid|dumb|idiotic|moronic|crappy|awful|horrible|horrid|terrible|hideous|gross|disgusting|nonsense|nonsensical|ridiculous|absurd|lame|braindead|brain-dead|pathetic|atrocious|(?:an? )?(?:(?:ugly|terrible|horrible|awful|stupid|total|complete|huge|big|hot) )?(?:mess|joke|disaster|abomination|travesty|eyesore|waste of time))\\b|\\b(?:ugly|horrible|terrible|awful|gross|stupid|dumb|idiotic|lame|crappy|hideous) (?:hack|hacks|kludge|kludges|mess|naming|idea|ideas|syntax|design|workaround)\\b|\\blooks? (?:so |really |very |pretty |super |kinda |kind of |a bit |just |quite |rather )?(?:ugly|awful|terrible|horrible|hideous|gross|stupid|dumb|lame|idiotic|ridiculous)\\b|\\bwhat an? (?:mess|joke|disaster|abomination|eyesore)\\b",
        Info {
            gates: &[&["awful ", "crappy ", "dumb ", "gross ", "hideous ", "horrible ", "idiotic ", "it", "lame ", "look ", "looks ", "stupid ", "terrible ", "that", "the ", "these", "this", "those", "ugly ", "what a abomination", "what a disaster", "what a eyesore", "what a joke", "what a mess", "what an abomination", "what an disaster", "what an eyesore", "what an joke", "what an mess", "your "], &[" absurd", " atrocious", " brain-dead", " braindead", " crappy", " design", " disgusting", " hack", " horrid", " idea", " kludge", " moronic", " naming", " nonsense", " nonsensical", " pathetic", " syntax", " workaround", "abomination", "awful", "disaster", "dumb", "eyesore", "gross", "hideous", "horrible", "idiotic", "joke", "lame", "mess", "ridiculous", "stupid", "terrible", "travesty", "ugly", "waste of time"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:we|i)\\s+consider\\s+(?:this|the)\\s+matter\\s+(?:closed|resolved|settled|final)\\b|\\bthis matter is (?:now )?closed\\b|\\b(?:we|i) will not be (?:responding|replying|corresponding|commenting) (?:further|any further|again)\\b|\\bno further (?:correspondence|discussion|replies|responses) will be\\b|\\bour decision is final\\b|\\bthis is our final (?:answer|word|response)\\b|\\bend of discussion\\b",
        Info {
            gates: &[&[" closed", " final", " resolved", " settled", "end of discussion", "i will not be commenting again", "i will not be commenting any further", "i will not be commenting further", "i will not be corresponding again", "i will not be corresponding any further", "i will not be corresponding further", "i will not be replying again", "i will not be replying any further", "i will not be replying further", "i will not be responding again", "i will not be responding any further", "i will not be responding further", "no further correspondence will be", "no further discussion will be", "no further replies will be", "no further responses will be", "we will not be commenting again", "we will not be commenting any further", "we will not be commenting further", "we will not be corresponding again", "we will not be corresponding any further", "we will not be corresponding further", "we will not be replying again", "we will not be replying any further", "we will not be replying further", "we will not be responding again", "we will not be responding any further", "we will not be responding further"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:what|how|why|where|who|which|when) exactly\\b[^.!?\\n]*\\?|\\bexactly (?:what|how|why|where|who|which|when)\\b[^.!?\\n]*\\?|\\b(?:how|what|why|where) on earth\\b|\\b(?:how|what|why|where) in the world\\b",
        Info {
            gates: &[&["exactly how", "exactly what", "exactly when", "exactly where", "exactly which", "exactly who", "exactly why", "how exactly", "how in the world", "how on earth", "what exactly", "what in the world", "what on earth", "when exactly", "where exactly", "where in the world", "where on earth", "which exactly", "who exactly", "why exactly", "why in the world", "why on earth"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:which is|which was|this is|that is|this was|that was|it is|it's|that's|this has been|all of this is)\\s+(?:clearly\\s+|already\\s+|all\\s+|well\\s+|fully\\s+|thoroughly\\s+)?(?:explained|covered|described|documented|outlined|answered|spelled out|addressed)\\s+in\\s+(?:our|the|my)\\s+(?:kb|knowledge ?base|faq|faqs|documentation|docs|manual|help (?:center|centre)|help article|support article|kb article|user guide|readme)\\b|\\b(?:it's|it is|that's|that is|this is|the answer is)\\s+(?:all\\s+|right there\\s+|clearly\\s+|already\\s+)?in\\s+(?:the|our)\\s+(?:faq|faqs|manual|docs|documentation|kb|knowledge ?base|help (?:center|centre)|user guide|readme)\\b",
        Info {
            gates: &[&["it is", "it's", "that is", "that was", "that's", "the answer is ", "this has been", "this is", "this was", "which is", "which was"], &["docs", "documentation", "faq", "help article", "help center", "help centre", "kb", "knowledge base", "knowledgebase", "manual", "readme", "support article", "user guide"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:you(?:'ll| will)? (?:need|have) to|you(?:'d)? (?:should|must|can|could)|you'd better|please|just|go) take (?:it|this|that|the matter|your complaint)(?: matter)? up with\\b|\\b(?:complain|talk) to (?:them|your isp|the vendor|the manufacturer|the phone company),? not (?:us|me)\\b",
        Info {
            gates: &[&["complain to the manufacturer not me", "complain to the manufacturer not us", "complain to the manufacturer, not me", "complain to the manufacturer, not us", "complain to the phone company not me", "complain to the phone company not us", "complain to the phone company, not me", "complain to the phone company, not us", "complain to the vendor not me", "complain to the vendor not us", "complain to the vendor, not me", "complain to the vendor, not us", "complain to them not me", "complain to them not us", "complain to them, not me", "complain to them, not us", "complain to your isp not me", "complain to your isp not us", "complain to your isp, not me", "complain to your isp, not us", "go take ", "just take ", "please take ", "talk to the manufacturer not me", "talk to the manufacturer not us", "talk to the manufacturer, not me", "talk to the manufacturer, not us", "talk to the phone company not me", "talk to the phone company not us", "talk to the phone company, not me", "talk to the phone company, not us", "talk to the vendor not me", "talk to the vendor not us", "talk to the vendor, not me", "talk to the vendor, not us", "talk to them not me", "talk to them not us", "talk to them, not me", "talk to them, not us", "talk to your isp not me", "talk to your isp not us", "talk to your isp, not me", "talk to your isp, not us", "you can take ", "you could take ", "you have to take ", "you must take ", "you need to take ", "you should take ", "you will have to take ", "you will need to take ", "you'd better take ", "you'd can take ", "you'd could take ", "you'd must take ", "you'd should take ", "you'll have to take ", "you'll need to take "], &[" take it matter up with", " take it up with", " take that matter up with", " take that up with", " take the matter matter up with", " take the matter up with", " take this matter up with", " take this up with", " take your complaint matter up with", " take your complaint up with", "complain to the manufacturer not me", "complain to the manufacturer not us", "complain to the manufacturer, not me", "complain to the manufacturer, not us", "complain to the phone company not me", "complain to the phone company not us", "complain to the phone company, not me", "complain to the phone company, not us", "complain to the vendor not me", "complain to the vendor not us", "complain to the vendor, not me", "complain to the vendor, not us", "complain to them not me", "complain to them not us", "complain to them, not me", "complain to them, not us", "complain to your isp not me", "complain to your isp not us", "complain to your isp, not me", "complain to your isp, not us", "talk to the manufacturer not me", "talk to the manufacturer not us", "talk to the manufacturer, not me", "talk to the manufacturer, not us", "talk to the phone company not me", "talk to the phone company not us", "talk to the phone company, not me", "talk to the phone company, not us", "talk to the vendor not me", "talk to the vendor not us", "talk to the vendor, not me", "talk to the vendor, not us", "talk to them not me", "talk to them not us", "talk to them, not me", "talk to them, not us", "talk to your isp not me", "talk to your isp not us", "talk to your isp, not me", "talk to your isp, not us"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:you(?:'ll| will)?(?: just)? (?:have to|need to|'ll have to|will have to|must)|you(?:'ll| will) just (?:have|need) to|just) (?:deal|live) with it\\b|\\b(?:just|you(?:'ll| will)? (?:need|have) to|you should|you must|you(?:'ll| will) just have to) (?:suck it up|get over it)\\b",
        Info {
            gates: &[&["just ", "you 'll have to ", "you have to ", "you must ", "you need to ", "you should get over it", "you should suck it up", "you will 'll have to ", "you will have to ", "you will must ", "you will need to ", "you will will have to ", "you'll 'll have to ", "you'll have to ", "you'll must ", "you'll need to ", "you'll will have to "], &[" deal with it", " live with it", "just get over it", "just suck it up", "you have to get over it", "you have to suck it up", "you must get over it", "you must suck it up", "you need to get over it", "you need to suck it up", "you should get over it", "you should suck it up", "you will have to get over it", "you will have to suck it up", "you will just have to get over it", "you will just have to suck it up", "you will need to get over it", "you will need to suck it up", "you'll have to get over it", "you'll have to suck it up", "you'll just have to get over it", "you'll just have to suck it up", "you'll need to get over it", "you'll need to suck it up"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:you)(?:[ ,;:\"()\\-]|–|—)+(?:must(?:[ ,;:\"()\\-]|–|—)+have|must've|must|probably|accidentally|mistakenly|apparently|evidently|somehow|clearly|obviously|carelessly)(?:[ ,;:\"()\\-]|–|—)+(?:(?:deleted|clicked|broke|removed|changed|installed|uninstalled|overwrote|overwritten|disabled|unplugged|erased|wiped|misconfigured|ignored|skipped|messed(?:[ ,;:\"()\\-]|–|—)+up|screwed(?:[ ,;:\"()\\-]|–|—)+up|corrupted|downloaded|opened|entered|typed|reset|turned(?:[ ,;:\"()\\-]|–|—)+off|switched(?:[ ,;:\"()\\-]|–|—)+off))\\b",
        Info {
            gates: &[&["you ", "you\"", "you(", "you)", "you,", "you-", "you:", "you;", "you–", "you—"], &[" off", " up", "\"off", "\"up", "(off", "(up", ")off", ")up", ",off", ",up", "-off", "-up", ":off", ":up", ";off", ";up", "broke", "changed", "clicked", "corrupted", "deleted", "disabled", "downloaded", "entered", "erased", "ignored", "installed", "misconfigured", "opened", "overwritten", "overwrote", "removed", "reset", "skipped", "typed", "unplugged", "wiped", "–off", "–up", "—off", "—up"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(?:your)(?:[ ,;:\"()\\-]|–|—)+(?:(?:modem|router|setup|set\\-up|computer|pc|laptop|network|wifi|wi\\-fi|configuration|config|machine|browser|firewall|antivirus|equipment|device|printer|settings|connection|hardware|system|cable|internet|phone))(?:[ ,;:\"()\\-]|–|—)+(?:is|was)(?:(?:[ ,;:\"()\\-]|–|—)+(?:clearly|obviously|definitely|probably))?(?:[ ,;:\"()\\-]|–|—)+(?:the(?:[ ,;:\"()\\-]|–|—)+problem|the(?:[ ,;:\"()\\-]|–|—)+issue|the(?:[ ,;:\"()\\-]|–|—)+culprit|the(?:[ ,;:\"()\\-]|–|—)+cause|at(?:[ ,;:\"()\\-]|–|—)+fault|to(?:[ ,;:\"()\\-]|–|—)+blame|the(?:[ ,;:\"()\\-]|–|—)+one(?:[ ,;:\"()\\-]|–|—)+at(?:[ ,;:\"()\\-]|–|—)+fault)\\b",
        Info {
            gates: &[&["your ", "your\"", "your(", "your)", "your,", "your-", "your:", "your;", "your–", "your—"], &["ault", "ause", "blem", "lame", "prit", "ssue"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b(Obviously|Clearly|Evidently),?\\s+((?i:you(?:['’]ll|\\s+will|['’]d|\\s+would)?\\s+(?:need|needed|have\\s+to|had\\s+to|must|should|forgot|missed|didn['’]t|did\\s+not|don['’]t|do\\s+not|haven['’]t|have\\s+not|weren['’]t|were\\s+not|never|skipped|ignored|can['’]t|cannot)))\\b",
        Info {
            gates: &[&["clearly", "evidently", "obviously"]],
            captures: &[None, None, None],
            matches_empty: false,
        },
    ),
    (
        "\\bCalm\\s+down\\b|\\bCALM\\s+DOWN\\b|(?i:\\b(?:please,?\\s+(?:just\\s+)?|just\\s+|you\\s+(?:need|have|ought)\\s+to\\s+|you\\s+(?:must|should)\\s+|try\\s+to\\s+|i\\s+need\\s+you\\s+to\\s+|i['’]d\\s+ask\\s+you\\s+to\\s+|everyone\\s+(?:needs\\s+to\\s+|should\\s+)?)calm\\s+down\\b)",
        Info {
            gates: &[&["down"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bRead\\s+the\\s+(?i:manual|user\\s+manual|documentation|docs|faq|faqs|readme|user\\s+guide|help\\s+pages?|knowledge\\s*base)\\b|(?i:\\b(?:please,?\\s+(?:just\\s+|go\\s+)?|just\\s+|go\\s+|simply\\s+|kindly\\s+|you\\s+(?:need|have|ought)\\s+to\\s+|you\\s+should\\s+|you\\s+must\\s+|try\\s+to\\s+)(?:read|check|consult|look\\s+at)\\s+the\\s+(?:manual|user\\s+manual|documentation|docs|faq|faqs|readme|user\\s+guide|help\\s+pages?|knowledge\\s*base)\\b)",
        Info {
            gates: &[],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bYOU(?:['’]RE|['’]VE|['’]LL|\\s+ARE|\\s+HAVE|\\s+WILL|\\s+WERE)?(?:\\s+(?:REALLY|STILL|JUST|ALSO|ABSOLUTELY|CLEARLY|OBVIOUSLY|ALWAYS|FIRST|ALL))?\\s+(?:NEED\\s+TO|NEEDED\\s+TO|MUST|HAVE\\s+TO|HAD\\s+TO|SHOULD\\s+HAVE|SHOULD['’]VE|DIDN['’]T|DID\\s+NOT|NEVER|FAILED|FORGOT|IGNORED|MISSED|CAN['’]T|CANNOT|WRONG|ALREADY|AGAIN|STOP)\\b|\\b(?:READ|CHECK)\\s+(?:THE|YOUR|MY|OUR)\\s+(?:MANUAL|EMAILS?|E-MAILS?|INSTRUCTIONS|FAQ|DOCUMENTATION|DOCS|MESSAGES?|GUIDE|ARTICLES?|KB|NOTES|ANNOUNCEMENTS?|TERMS)\\b|\\bBEFORE\\s+(?:WRITING|CALLING|CONTACTING|EMAILING|E-MAILING|ASKING)\\b|\\bI(?:\\s+HAVE|\\s+HAD|['’]VE)?\\s+(?:ALREADY\\s+|JUST\\s+)?(?:TOLD\\s+YOU|SAID|EXPLAINED|SENT\\s+YOU)\\b|\\bSTOP\\s+(?:CALLING|EMAILING|WRITING|ASKING|SENDING|OPENING)\\b",
        Info {
            gates: &[&["again", "already", "announcement", "article", "asking", "calling", "can't", "contacting", "didn't", "docs", "documentation", "e-mail", "email", "explained", "failed", "faq", "forgot", "guide", "have", "ignored", "instructions", "kb", "manual", "message", "missed", "must", "never", "not", "opening", "said", "sending", "should've", "terms", "to", "writing", "wrong", "you"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bYou\\s+(?:(?:then|also|just|again)\\s+)?(?:deleted|clicked|broke|removed|overwrote|disabled|unplugged|uninstalled|erased|wiped|misconfigured|ignored|skipped|messed\\s+up|screwed\\s+up|corrupted)\\b",
        Info {
            gates: &[&["you "], &[" up", "broke", "clicked", "corrupted", "deleted", "disabled", "erased", "ignored", "misconfigured", "overwrote", "removed", "skipped", "uninstalled", "unplugged", "wiped"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\b[a-z][a-z'’]*,?\\s+(ALREADY|CLEARLY|OBVIOUSLY|STILL)\\b",
        Info {
            gates: &[&["already", "clearly", "obviously", "still"]],
            captures: &[None, None],
            matches_empty: false,
        },
    ),
    (
        "\\b\\?{2,}",
        Info {
            gates: &[&["??"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\ball you (?:had|needed|would have had|would've had) to do (?:was|is)\\b|\\ball you (?:had|needed) to (?:click|press|check|read|type|select|do)\\b",
        Info {
            gates: &[&["all you had to check", "all you had to click", "all you had to do", "all you had to press", "all you had to read", "all you had to select", "all you had to type", "all you needed to check", "all you needed to click", "all you needed to do", "all you needed to press", "all you needed to read", "all you needed to select", "all you needed to type", "all you would have had to do is", "all you would have had to do was", "all you would've had to do is", "all you would've had to do was"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bam i (?:the only one|missing something|crazy|going crazy|imagining|supposed to guess|talking to a wall|speaking a different language)\\b|\\bis it just me\\b|\\bor am i (?:wrong|crazy|missing)\\b",
        Info {
            gates: &[&["am i crazy", "am i going crazy", "am i imagining", "am i missing something", "am i speaking a different language", "am i supposed to guess", "am i talking to a wall", "am i the only one", "is it just me", "or am i missing", "or am i wrong"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bany (?:competent|reasonable|sensible|intelligent|half-?decent|decent|savvy|self-respecting) (?:user|person|adult|customer|admin|administrator|professional|engineer|technician|tech|developer|it person)s?\\b|\\banyone with (?:half a brain|a brain|basic (?:computer |technical |it )?(?:skills|knowledge)|common sense)\\b|\\b(?:most|other) (?:of our )?(?:users|customers|people|clients) (?:(?:know|figure out|understand|manage) (?:this|that|how)|figure (?:this|that|it) out|work (?:this|that|it) out)\\b",
        Info {
            gates: &[&["any competent ", "any decent ", "any half-decent ", "any halfdecent ", "any intelligent ", "any reasonable ", "any savvy ", "any self-respecting ", "any sensible ", "anyone with a brain", "anyone with basic computer knowledge", "anyone with basic computer skills", "anyone with basic it knowledge", "anyone with basic it skills", "anyone with basic knowledge", "anyone with basic skills", "anyone with basic technical knowledge", "anyone with basic technical skills", "anyone with common sense", "anyone with half a brain", "most clients ", "most customers ", "most of our clients ", "most of our customers ", "most of our people ", "most of our users ", "most people ", "most users ", "other clients ", "other customers ", "other of our clients ", "other of our customers ", "other of our people ", "other of our users ", "other people ", "other users "], &[" admin", " adult", " customer", " developer", " engineer", " figure it out", " figure out how", " figure out that", " figure out this", " figure that out", " figure this out", " know how", " know that", " know this", " manage how", " manage that", " manage this", " person", " professional", " tech", " understand how", " understand that", " understand this", " user", " work it out", " work that out", " work this out", "anyone with a brain", "anyone with basic computer knowledge", "anyone with basic computer skills", "anyone with basic it knowledge", "anyone with basic it skills", "anyone with basic knowledge", "anyone with basic skills", "anyone with common sense", "anyone with half a brain"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bare you (?:serious|kidding|joking|for real|insane|crazy|mad|out of your mind)\\b|\\bare you (?:just |even |actually |then |now )?(?:familiar with|unable to|capable of|incapable of|in a hurry|asking to|trying to|pretending|complaining|happy now|satisfied now|listening|blind|deaf)\\b|\\b(?:do|did|are|were|have|would) you (?:really|honestly|seriously|actually|even)\\b|\\b(?:do|did|does|are|were|have|has|would|will|can|could|should|is) you(?:\\s+\\w+){0,2}\\s+(?:actually|really|even|seriously|honestly)\\b[^.!?\\n]*\\?|\\bhow (?:can|could) you (?:possibly|seriously|honestly|even|say|claim|call|think|justify|expect|believe)\\b|(?:^|[.!?,]\\s*)(?:seriously|really)\\s*\\?|\\bwhy\\b[^.!?]*\\?{2,}|\\b(?:is|was|are|were|does|did) (?:it|this|that|there)(?:\\s+\\w+)?\\s+(?:really|even|actually)\\b[^.!?\\n]*\\?",
        Info {
            gates: &[],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bas (?:anyone|anybody|everyone|everybody) (?:can see|could see|can tell)\\b|\\b(?:everyone|everybody|anyone|anybody) knows (?:that|this|how)\\b|\\bas you can (?:clearly|plainly|obviously) see\\b|\\bit(?:'s| is) (?:plain|clear) (?:to see|for anyone to see)\\b",
        Info {
            gates: &[&["anybody knows how", "anybody knows that", "anybody knows this", "anyone knows how", "anyone knows that", "anyone knows this", "as anybody can see", "as anybody can tell", "as anybody could see", "as anyone can see", "as anyone can tell", "as anyone could see", "as everybody can see", "as everybody can tell", "as everybody could see", "as everyone can see", "as everyone can tell", "as everyone could see", "as you can clearly see", "as you can obviously see", "as you can plainly see", "everybody knows how", "everybody knows that", "everybody knows this", "everyone knows how", "everyone knows that", "everyone knows this", "it is clear for anyone to see", "it is clear to see", "it is plain for anyone to see", "it is plain to see", "it's clear for anyone to see", "it's clear to see", "it's plain for anyone to see", "it's plain to see"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bas (?:clearly |already |fully |previously )?(?:explained|covered|documented|outlined|stated|spelled out|mentioned) in (?:our|the) (?:kb|knowledge ?base|faq|faqs|documentation|docs|manual|help (?:center|centre)|help article|support article|kb article|user guide|readme)(?: (?:article|page|section|entry))?\\b",
        Info {
            gates: &[&["as already covered in ", "as already documented in ", "as already explained in ", "as already mentioned in ", "as already outlined in ", "as already spelled out in ", "as already stated in ", "as clearly covered in ", "as clearly documented in ", "as clearly explained in ", "as clearly mentioned in ", "as clearly outlined in ", "as clearly spelled out in ", "as clearly stated in ", "as covered in ", "as documented in ", "as explained in ", "as fully covered in ", "as fully documented in ", "as fully explained in ", "as fully mentioned in ", "as fully outlined in ", "as fully spelled out in ", "as fully stated in ", "as mentioned in ", "as outlined in ", "as previously covered in ", "as previously documented in ", "as previously explained in ", "as previously mentioned in ", "as previously outlined in ", "as previously spelled out in ", "as previously stated in ", "as spelled out in ", "as stated in "]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bas (?:previously|already|repeatedly) (?:stated|explained|mentioned|indicated|communicated|advised)\\b|\\bas (?:stated|explained|mentioned|indicated|communicated|advised) (?:previously|repeatedly|multiple times|several times)\\b|\\bas (?:stated|mentioned|explained|noted|outlined|said) in my (?:last|previous|earlier|prior) (?:e-?mail|message|reply|response)\\b",
        Info {
            gates: &[&["as advi", "as alre", "as comm", "as expl", "as indi", "as ment", "as note", "as outl", "as prev", "as repe", "as said", "as stat"], &[" in my earlier e-mail", " in my earlier email", " in my earlier message", " in my earlier reply", " in my earlier response", " in my last e-mail", " in my last email", " in my last message", " in my last reply", " in my last response", " in my previous e-mail", " in my previous email", " in my previous message", " in my previous reply", " in my previous response", " in my prior e-mail", " in my prior email", " in my prior message", " in my prior reply", " in my prior response", "as advised multiple times", "as advised previously", "as advised repeatedly", "as advised several times", "as already advised", "as already communicated", "as already explained", "as already indicated", "as already mentioned", "as already stated", "as communicated multiple times", "as communicated previously", "as communicated repeatedly", "as communicated several times", "as explained multiple times", "as explained previously", "as explained repeatedly", "as explained several times", "as indicated multiple times", "as indicated previously", "as indicated repeatedly", "as indicated several times", "as mentioned multiple times", "as mentioned previously", "as mentioned repeatedly", "as mentioned several times", "as previously advised", "as previously communicated", "as previously explained", "as previously indicated", "as previously mentioned", "as previously stated", "as repeatedly advised", "as repeatedly communicated", "as repeatedly explained", "as repeatedly indicated", "as repeatedly mentioned", "as repeatedly stated", "as stated multiple times", "as stated previously", "as stated repeatedly", "as stated several times"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bbecause you (?:didn't|did not|never|failed to|forgot to|neglected to|ignored|skipped|chose not to|decided not to)\\b|\\b(?:this|that|it) (?:happened|is happening|failed|broke|stopped working) because you (?:clicked|deleted|changed|removed|installed|uninstalled|opened|ignored|skipped|turned|unplugged|forgot|reset|disabled|moved)\\b",
        Info {
            gates: &[&["because you chose not to", "because you decided not to", "because you did not", "because you didn't", "because you failed to", "because you forgot to", "because you ignored", "because you neglected to", "because you never", "because you skipped", "it broke because you ", "it failed because you ", "it happened because you ", "it is happening because you ", "it stopped working because you ", "that broke because you ", "that failed because you ", "that happened because you ", "that is happening because you ", "that stopped working because you ", "this broke because you ", "this failed because you ", "this happened because you ", "this is happening because you ", "this stopped working because you "], &[" because you changed", " because you clicked", " because you deleted", " because you disabled", " because you forgot", " because you installed", " because you moved", " because you opened", " because you removed", " because you reset", " because you turned", " because you uninstalled", " because you unplugged", "because you chose not to", "because you decided not to", "because you did not", "because you didn't", "because you failed to", "because you forgot to", "because you ignored", "because you neglected to", "because you never", "because you skipped"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\beven (?:a|my) (?:child|kid|toddler|baby|grandma|grandmother|granny|grandpa|grandfather|monkey|five-year-old|5-year-old|six-year-old|6-year-old|ten-year-old|10-year-old)(?: could| can| would| knows| gets| understands)\\b|\\ba (?:five|5|six|6|ten|10)[- ]year[- ]old (?:could|can|would) (?:do|figure|understand|manage|set)\\b",
        Info {
            gates: &[&["a 10 year old ", "a 10 year-old ", "a 10-year old ", "a 10-year-old ", "a 5 year old ", "a 5 year-old ", "a 5-year old ", "a 5-year-old ", "a 6 year old ", "a 6 year-old ", "a 6-year old ", "a 6-year-old ", "a five year old ", "a five year-old ", "a five-year old ", "a five-year-old ", "a six year old ", "a six year-old ", "a six-year old ", "a six-year-old ", "a ten year old ", "a ten year-old ", "a ten-year old ", "a ten-year-old ", "even a 10-year-old", "even a 5-year-old", "even a 6-year-old", "even a baby", "even a child", "even a five-year-old", "even a grandfather", "even a grandma", "even a grandmother", "even a grandpa", "even a granny", "even a kid", "even a monkey", "even a six-year-old", "even a ten-year-old", "even a toddler", "even my 10-year-old", "even my 5-year-old", "even my 6-year-old", "even my baby", "even my child", "even my five-year-old", "even my grandfather", "even my grandma", "even my grandmother", "even my grandpa", "even my granny", "even my kid", "even my monkey", "even my six-year-old", "even my ten-year-old", "even my toddler"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bhow dare you\\b|\\bwho (?:do you think you are|are you to|asked you|gave you (?:the right|permission)|made you)\\b|\\bwhat(?:'s| is) (?:wrong with you|your problem|the matter with you)\\b|\\bwhat gives you the right\\b|\\bwhat were you thinking\\b|\\bhave you lost your mind\\b|\\bsince when (?:do|does|did|is|are|can|has|have)\\b",
        Info {
            gates: &[&["have you lost your mind", "how dare you", "since when are", "since when can", "since when did", "since when do", "since when has", "since when have", "since when is", "what gives you the right", "what is the matter with you", "what is wrong with you", "what is your problem", "what were you thinking", "what's the matter with you", "what's wrong with you", "what's your problem", "who are you to", "who asked you", "who do you think you are", "who gave you permission", "who gave you the right", "who made you"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bi (?:don't|do not|can't|cannot|fail to) see (?:what|where) the (?:big )?(?:problem|issue|fuss|big deal|harm) is\\b|\\bi fail to see (?:the (?:problem|issue)|why|how|what)\\b|\\bwhat's the big deal\\b|\\bwhat is the big deal\\b|\\bi don't see (?:why|how) (?:this|that|it) (?:is|would be) (?:a|an|such a) (?:problem|issue|big deal)\\b",
        Info {
            gates: &[&["i can't see what the ", "i can't see where the ", "i cannot see what the ", "i cannot see where the ", "i do not see what the ", "i do not see where the ", "i don't see how it is a ", "i don't see how it is an ", "i don't see how it is such a ", "i don't see how it would be a ", "i don't see how it would be an ", "i don't see how it would be such a ", "i don't see how that is a ", "i don't see how that is an ", "i don't see how that is such a ", "i don't see how that would be a ", "i don't see how that would be an ", "i don't see how that would be such a ", "i don't see how this is a ", "i don't see how this is an ", "i don't see how this is such a ", "i don't see how this would be a ", "i don't see how this would be an ", "i don't see how this would be such a ", "i don't see what the ", "i don't see where the ", "i don't see why it is a ", "i don't see why it is an ", "i don't see why it is such a ", "i don't see why it would be a ", "i don't see why it would be an ", "i don't see why it would be such a ", "i don't see why that is a ", "i don't see why that is an ", "i don't see why that is such a ", "i don't see why that would be a ", "i don't see why that would be an ", "i don't see why that would be such a ", "i don't see why this is a ", "i don't see why this is an ", "i don't see why this is such a ", "i don't see why this would be a ", "i don't see why this would be an ", "i don't see why this would be such a ", "i fail to see how", "i fail to see the issue", "i fail to see the problem", "i fail to see what", "i fail to see where the ", "i fail to see why", "what is the big deal", "what's the big deal"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bi (?:presume|assume|take it|suppose|gather)(?: that)? (?:you\\b|(?:this|that|it) was (?:a mistake|an accident|deliberate|intentional|on purpose|a joke)\\b)[^.!?\\n]*\\?",
        Info {
            gates: &[&["i assume ", "i gather ", "i presume ", "i suppose ", "i take it "]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\binstead\\b|\\balternative\\b|\\balternatively\\b|\\bwhat i can do\\b|\\bwhat we can do\\b|\\boption\\b|\\boptions\\b|\\bnext step\\b|\\bworkaround\\b|\\bin the meantime\\b|\\bhere's what\\b|\\bi'll\\b|\\bi will\\b|\\bwe'll\\b|\\bwe will\\b|\\bhappy to\\b|\\bstill here\\b|\\bstill available\\b|\\blet me know if\\b|(?:\\b(?:i|we) can (?:offer|help|try|set|send|book|arrange|call|walk|show|look|check|suggest|recommend)\\b)",
        Info {
            gates: &[&["alternative", "happy to", "here's what", "i can arrange", "i can book", "i can call", "i can check", "i can help", "i can look", "i can offer", "i can recommend", "i can send", "i can set", "i can show", "i can suggest", "i can try", "i can walk", "i will", "i'll", "in the meantime", "instead", "let me know if", "next step", "option", "still available", "still here", "we can arrange", "we can book", "we can call", "we can check", "we can help", "we can look", "we can offer", "we can recommend", "we can send", "we can set", "we can show", "we can suggest", "we can try", "we can walk", "we will", "we'll", "what i can do", "what we can do", "workaround"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bit (?:clearly |plainly |even )?says so (?:on|in|at|right)\\b|\\bit(?:'s| is) (?:clearly|plainly) (?:stated|written|marked|labell?ed|printed|spelled out)\\b|\\bas (?:clearly |plainly )(?:stated|written|marked|printed) (?:on|in)\\b",
        Info {
            gates: &[&["as clearly marked in", "as clearly marked on", "as clearly printed in", "as clearly printed on", "as clearly stated in", "as clearly stated on", "as clearly written in", "as clearly written on", "as plainly marked in", "as plainly marked on", "as plainly printed in", "as plainly printed on", "as plainly stated in", "as plainly stated on", "as plainly written in", "as plainly written on", "it clearly says so at", "it clearly says so in", "it clearly says so on", "it clearly says so right", "it even says so at", "it even says so in", "it even says so on", "it even says so right", "it is clearly labeled", "it is clearly labelled", "it is clearly marked", "it is clearly printed", "it is clearly spelled out", "it is clearly stated", "it is clearly written", "it is plainly labeled", "it is plainly labelled", "it is plainly marked", "it is plainly printed", "it is plainly spelled out", "it is plainly stated", "it is plainly written", "it plainly says so at", "it plainly says so in", "it plainly says so on", "it plainly says so right", "it says so at", "it says so in", "it says so on", "it says so right", "it's clearly labeled", "it's clearly labelled", "it's clearly marked", "it's clearly printed", "it's clearly spelled out", "it's clearly stated", "it's clearly written", "it's plainly labeled", "it's plainly labelled", "it's plainly marked", "it's plainly printed", "it's plainly spelled out", "it's plainly stated", "it's plainly written"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bnothing we can do\\b|\\bnothing i can do\\b|\\bnot supported\\b|\\bagainst policy\\b|\\bagainst our policy\\b|\\bnot possible\\b|\\bisn't possible\\b|\\bis not possible\\b|(?:\\b(?:we|i) (?:can't|cannot|can not|won't be able to|will not be able to|are unable to|am unable to|are not able to)\\b)",
        Info {
            gates: &[&["against our policy", "against policy", "i am unable to", "i are not able to", "i are unable to", "i can not", "i can't", "i cannot", "i will not be able to", "i won't be able to", "isn't possible", "not possible", "not supported", "nothing i can do", "nothing we can do", "we am unable to", "we are not able to", "we are unable to", "we can not", "we can't", "we cannot", "we will not be able to", "we won't be able to"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bsent\\s+(?:you\\s+|out\\s+|everyone\\s+|all (?:staff|users|customers)\\s+)?(?:several|multiple|three|two|four|numerous|many|a number of|repeated|countless|a few)\\s+(?:all-company\\s+|company-wide\\s+|all-staff\\s+)?(?:e-?mails|reminders|notices|notifications|warnings|messages|announcements)\\s+(?:warning|reminding|explaining|announcing|notifying)\\b|\\bsent\\s+(?:out\\s+)?(?:several|multiple|three|two|four|numerous|many|a number of|repeated|countless|a few)\\s+(?:all-company|company-wide|all-staff|all-hands)\\s+(?:e-?mails|reminders|notices|notifications|warnings|messages|announcements)\\b|\\b(?:we|i)(?:'ve| have| had)?\\s+already\\s+sent\\s+(?:you\\s+|out\\s+)?(?:several|multiple|three|two|four|numerous|many|a number of|repeated|countless|a few)\\s+(?:e-?mails|reminders|notices|notifications|warnings|messages|announcements)\\b|\\b(?:the|our)\\s+(?:three|two|four|several|multiple|many|numerous|repeated)\\s+(?:all-company\\s+|company-wide\\s+|previous\\s+)?(?:e-?mails|reminders|notices|warnings|announcements|notifications)\\s+(?:we|i)\\s+(?:sent|sent out|emailed)\\b|\\bas (?:was |we )?(?:announced|communicated) (?:in|by|via) (?:e-?mail|our newsletter|the newsletter|several e-?mails)\\b",
        Info {
            gates: &[],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bsorry\\b|\\bapologies\\b|\\bapologise\\b|\\bapologize\\b|\\bi understand\\b|\\bi can imagine\\b|\\bi can only imagine\\b|\\bi know how\\b|\\bthat sounds\\b|\\bthat must\\b|\\bmust have been\\b|\\bstressful\\b|\\bstressball\\b|\\bfrustrating\\b|\\bfrustration\\b|\\bembarrassing\\b|\\bi hear you\\b|\\bthank you for your patience\\b|\\bthanks for your patience\\b|\\bwhat a pain\\b|\\bawful\\b|\\brough day\\b|\\bnot what you needed\\b|\\bright before\\b",
        Info {
            gates: &[&["apologies", "apologise", "apologize", "awful", "embarrassing", "frustrating", "frustration", "i can imagine", "i can only imagine", "i hear you", "i know how", "i understand", "must have been", "not what you needed", "right before", "rough day", "sorry", "stressball", "stressful", "thank you for your patience", "thanks for your patience", "that must", "that sounds", "what a pain"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bsurely you (?:know|knew|understand|realise|realize|can see|must know|are aware|were aware|remember|noticed|read|saw)\\b|\\byou (?:must|surely) (?:know|realise|realize) (?:that|this|how)\\b",
        Info {
            gates: &[&["surely you are aware", "surely you can see", "surely you knew", "surely you know", "surely you must know", "surely you noticed", "surely you read", "surely you realise", "surely you realize", "surely you remember", "surely you saw", "surely you understand", "surely you were aware", "you must know how", "you must know that", "you must know this", "you must realise how", "you must realise that", "you must realise this", "you must realize how", "you must realize that", "you must realize this", "you surely know how", "you surely know that", "you surely know this", "you surely realise how", "you surely realise that", "you surely realise this", "you surely realize how", "you surely realize that", "you surely realize this"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bthanks for nothing\\b|\\bgee,? thanks\\b|\\bthanks a (?:lot|bunch|million) for (?:nothing|breaking|deleting|removing|reverting|ruining|wasting|the lecture)\\b|\\byeah,? right\\b|\\bnice try\\b|\\bgood luck with that\\b|\\b(?:what a|big) surprise\\b|\\bwow,? just wow\\b|\\boh,? (?:great|wonderful|brilliant|fantastic|joy|goody)\\b|\\bhow (?:nice|kind|generous|thoughtful) of you to (?:finally|eventually)\\b|\\bcongratulations on (?:breaking|deleting|ruining)\\b|\\bwelcome to (?:the )?(?:real world|planet earth)\\b",
        Info {
            gates: &[&["big surprise", "congratulations on breaking", "congratulations on deleting", "congratulations on ruining", "gee thanks", "gee, thanks", "good luck with that", "how generous of you to eventually", "how generous of you to finally", "how kind of you to eventually", "how kind of you to finally", "how nice of you to eventually", "how nice of you to finally", "how thoughtful of you to eventually", "how thoughtful of you to finally", "nice try", "oh brilliant", "oh fantastic", "oh goody", "oh great", "oh joy", "oh wonderful", "oh, brilliant", "oh, fantastic", "oh, goody", "oh, great", "oh, joy", "oh, wonderful", "thanks a bunch for breaking", "thanks a bunch for deleting", "thanks a bunch for nothing", "thanks a bunch for removing", "thanks a bunch for reverting", "thanks a bunch for ruining", "thanks a bunch for the lecture", "thanks a bunch for wasting", "thanks a lot for breaking", "thanks a lot for deleting", "thanks a lot for nothing", "thanks a lot for removing", "thanks a lot for reverting", "thanks a lot for ruining", "thanks a lot for the lecture", "thanks a lot for wasting", "thanks a million for breaking", "thanks a million for deleting", "thanks a million for nothing", "thanks a million for removing", "thanks a million for reverting", "thanks a million for ruining", "thanks a million for the lecture", "thanks a million for wasting", "thanks for nothing", "welcome to planet earth", "welcome to real world", "welcome to the planet earth", "welcome to the real world", "what a surprise", "wow just wow", "wow, just wow", "yeah right", "yeah, right"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bthird time\\b|\\bfourth time\\b|\\bsecond time this week\\b|\\bstill not working\\b|\\bstill broken\\b|\\bstill doesn't work\\b|\\bstill does not work\\b|\\bbroken again\\b|\\bdown again\\b|\\bnot working again\\b|\\bfrustrated\\b|\\bfrustrating\\b|\\bembarrassed\\b|\\bembarrassing\\b|\\bhumiliated\\b|\\bhumiliating\\b|\\bfurious\\b|\\bfed up\\b|\\bat my wits' end\\b|\\bfelt like a fool\\b|\\bfeel like an idiot\\b|\\bfelt like an idiot\\b|\\bin front of my\\b|\\bin front of the class\\b|\\bin front of 140\\b|\\bmy boss\\b|\\bunacceptable\\b|\\bridiculous\\b|\\bnobody is helping\\b|\\bno one is helping\\b|\\blost all my\\b|\\blost my work\\b|\\burgent\\b|\\basap\\b|(?:!{3,})|(?:\\bin front of (?:\\d+|all|the whole|my whole) )|(?:\\b(?:before|by) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight)\\b)|(?:\\btomorrow's (?:presentation|meeting|class|lecture|demo|launch)\\b)",
        Info {
            gates: &[&["!!!", "asap", "at my wits' end", "before friday", "before monday", "before saturday", "before sunday", "before thursday", "before tomorrow", "before tonight", "before tuesday", "before wednesday", "broken again", "by friday", "by monday", "by saturday", "by sunday", "by thursday", "by tomorrow", "by tonight", "by tuesday", "by wednesday", "down again", "embarrassed", "embarrassing", "fed up", "feel like an idiot", "felt like a fool", "felt like an idiot", "fourth time", "frustrated", "frustrating", "furious", "humiliated", "humiliating", "in front of ", "lost all my", "lost my work", "my boss", "no one is helping", "nobody is helping", "not working again", "ridiculous", "second time this week", "still broken", "still does not work", "still doesn't work", "still not working", "third time", "tomorrow's class", "tomorrow's demo", "tomorrow's launch", "tomorrow's lecture", "tomorrow's meeting", "tomorrow's presentation", "unacceptable", "urgent"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bwhat (?:exactly |on earth |in the world )?(?:do|did) you (?:even )?mean\\b(?: by (?:that|this|it))?",
        Info {
            gates: &[&["what did you even mean", "what did you mean", "what do you even mean", "what do you mean", "what exactly did you even mean", "what exactly did you mean", "what exactly do you even mean", "what exactly do you mean", "what in the world did you even mean", "what in the world did you mean", "what in the world do you even mean", "what in the world do you mean", "what on earth did you even mean", "what on earth did you mean", "what on earth do you even mean", "what on earth do you mean"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bwhat(?:'s| is| was) the (?:point|big idea)\\b|\\bwhat(?:'s| is| was) the use (?:of|in)\\b|\\bwhat(?:'s| is) up with (?:that|this)\\b|\\bwhat(?:'s| exactly is| is) wrong with (?:having|using|adding|keeping|doing|leaving|making|that|this)\\b|\\bis there (?:a|some|any) problem\\s*\\?|\\bis there an issue\\s*\\?",
        Info {
            gates: &[&["is t", "what"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\bwho cares\\b|(?:^|[.!?]\\s+)so what\\s*[?!.]|\\bwhat difference does it make\\b|\\bbig deal\\s*[.!?]|\\bget over it\\b|(?:^|[.!?]\\s+)whatever\\s*[.!]\\s*$",
        Info {
            gates: &[],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\byou (?:clearly|obviously|evidently|apparently|plainly) (?:didn't|did not|haven't|have not|don't|do not|never|failed to|missed|skipped|ignored|forgot|overlooked)\\b",
        Info {
            gates: &[&["you apparently ", "you clearly ", "you evidently ", "you obviously ", "you plainly "], &[" did not", " didn't", " do not", " don't", " failed to", " forgot", " have not", " haven't", " ignored", " missed", " never", " overlooked", " skipped"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\byou (?:didn't|did not|never|haven't|have not|still haven't|still have not)(?: even| once| actually| yet)? (?:bother(?:ed)? to |care(?:d)? to )?(?:answer|answered|respond|responded|reply|replied|explain|explained|address|addressed|acknowledge|acknowledged|get back|got back)\\b|\\b(?:are )?you (?:ever )?(?:going to|gonna) (?:answer|reply|respond)\\b[^.!?\\n]*\\?",
        Info {
            gates: &[&["you did not ", "you didn't ", "you ever going to answer", "you ever going to reply", "you ever going to respond", "you ever gonna answer", "you ever gonna reply", "you ever gonna respond", "you going to answer", "you going to reply", "you going to respond", "you gonna answer", "you gonna reply", "you gonna respond", "you have not ", "you haven't ", "you never ", "you still have not ", "you still haven't "]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\byou (?:obviously |clearly |apparently |evidently )?(?:didn't|did not|never|haven't even|have not even) (?:even )?(?:read|look at|looked at|open|opened|check|checked|follow|followed|bother to read)\\s+(?:the|my|our|any of (?:the|my|our))\\s+(?:faq|faqs|manual|docs|documentation|instructions|e-?mails?|messages?|guide|article|kb article|steps|reply|replies|notes?|release notes|announcement)\\b",
        Info {
            gates: &[&["you apparently did not ", "you apparently didn't ", "you apparently have not even ", "you apparently haven't even ", "you apparently never ", "you clearly did not ", "you clearly didn't ", "you clearly have not even ", "you clearly haven't even ", "you clearly never ", "you did not ", "you didn't ", "you evidently did not ", "you evidently didn't ", "you evidently have not even ", "you evidently haven't even ", "you evidently never ", "you have not even ", "you haven't even ", "you never ", "you obviously did not ", "you obviously didn't ", "you obviously have not even ", "you obviously haven't even ", "you obviously never "], &["announcement", "article", "docs", "documentation", "e-mail", "email", "faq", "guide", "instructions", "manual", "message", "note", "replies", "reply", "steps"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\byou (?:should|ought to|really should)(?: have|'ve| of) (?:checked|read|noticed|realised|realized|backed up|saved|updated|called|contacted|followed|looked|tested|verified|double-checked|asked|waited|paid attention|made a backup|kept)\\b",
        Info {
            gates: &[&["you ought to have ", "you ought to of ", "you ought to've ", "you really should have ", "you really should of ", "you really should've ", "you should have ", "you should of ", "you should've "], &[" have asked", " have backed up", " have called", " have checked", " have contacted", " have double-checked", " have followed", " have kept", " have looked", " have made a backup", " have noticed", " have paid attention", " have read", " have realised", " have realized", " have saved", " have tested", " have updated", " have verified", " have waited", " of asked", " of backed up", " of called", " of checked", " of contacted", " of double-checked", " of followed", " of kept", " of looked", " of made a backup", " of noticed", " of paid attention", " of read", " of realised", " of realized", " of saved", " of tested", " of updated", " of verified", " of waited", "'ve asked", "'ve backed up", "'ve called", "'ve checked", "'ve contacted", "'ve double-checked", "'ve followed", "'ve kept", "'ve looked", "'ve made a backup", "'ve noticed", "'ve paid attention", "'ve read", "'ve realised", "'ve realized", "'ve saved", "'ve tested", "'ve updated", "'ve verified", "'ve waited"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\byou (?:still )?(?:don't|do not|didn't|did not) (?:seem to |appear to )?(?:understand|get it|grasp|follow)\\b|\\byou(?:'re| are) (?:not|still not) (?:understanding|getting it|following)\\b",
        Info {
            gates: &[&["you are not following", "you are not getting it", "you are not understanding", "you are still not following", "you are still not getting it", "you are still not understanding", "you did not ", "you didn't ", "you do not ", "you don't ", "you still did not ", "you still didn't ", "you still do not ", "you still don't ", "you're not following", "you're not getting it", "you're not understanding", "you're still not following", "you're still not getting it", "you're still not understanding"], &["did not appear to follow", "did not appear to get it", "did not appear to grasp", "did not appear to understand", "did not follow", "did not get it", "did not grasp", "did not seem to follow", "did not seem to get it", "did not seem to grasp", "did not seem to understand", "did not understand", "didn't appear to follow", "didn't appear to get it", "didn't appear to grasp", "didn't appear to understand", "didn't follow", "didn't get it", "didn't grasp", "didn't seem to follow", "didn't seem to get it", "didn't seem to grasp", "didn't seem to understand", "didn't understand", "do not appear to follow", "do not appear to get it", "do not appear to grasp", "do not appear to understand", "do not follow", "do not get it", "do not grasp", "do not seem to follow", "do not seem to get it", "do not seem to grasp", "do not seem to understand", "do not understand", "don't appear to follow", "don't appear to get it", "don't appear to grasp", "don't appear to understand", "don't follow", "don't get it", "don't grasp", "don't seem to follow", "don't seem to get it", "don't seem to grasp", "don't seem to understand", "don't understand", "you are not following", "you are not getting it", "you are not understanding", "you are still not following", "you are still not getting it", "you are still not understanding", "you're not following", "you're not getting it", "you're not understanding", "you're still not following", "you're still not getting it", "you're still not understanding"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\byou(?:'ll| will)? (?:just|simply) (?:have|need) to (?:wait|be patient|accept (?:it|that|this))\\b|\\bjust be patient\\b",
        Info {
            gates: &[&["just be patient", "you just have to accept it", "you just have to accept that", "you just have to accept this", "you just have to be patient", "you just have to wait", "you just need to accept it", "you just need to accept that", "you just need to accept this", "you just need to be patient", "you just need to wait", "you simply have to accept it", "you simply have to accept that", "you simply have to accept this", "you simply have to be patient", "you simply have to wait", "you simply need to accept it", "you simply need to accept that", "you simply need to accept this", "you simply need to be patient", "you simply need to wait", "you will just have to accept it", "you will just have to accept that", "you will just have to accept this", "you will just have to be patient", "you will just have to wait", "you will just need to accept it", "you will just need to accept that", "you will just need to accept this", "you will just need to be patient", "you will just need to wait", "you will simply have to accept it", "you will simply have to accept that", "you will simply have to accept this", "you will simply have to be patient", "you will simply have to wait", "you will simply need to accept it", "you will simply need to accept that", "you will simply need to accept this", "you will simply need to be patient", "you will simply need to wait", "you'll just have to accept it", "you'll just have to accept that", "you'll just have to accept this", "you'll just have to be patient", "you'll just have to wait", "you'll just need to accept it", "you'll just need to accept that", "you'll just need to accept this", "you'll just need to be patient", "you'll just need to wait", "you'll simply have to accept it", "you'll simply have to accept that", "you'll simply have to accept this", "you'll simply have to be patient", "you'll simply have to wait", "you'll simply need to accept it", "you'll simply need to accept that", "you'll simply need to accept this", "you'll simply need to be patient", "you'll simply need to wait"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\byou(?:'re| are) (?:simply |just |completely |totally |clearly )?(?:wrong|mistaken|incorrect)\\b|\\byou (?:misunderstood|misread|misinterpreted|got it wrong|got that wrong)\\b",
        Info {
            gates: &[&["you are clearly incorrect", "you are clearly mistaken", "you are clearly wrong", "you are completely incorrect", "you are completely mistaken", "you are completely wrong", "you are incorrect", "you are just incorrect", "you are just mistaken", "you are just wrong", "you are mistaken", "you are simply incorrect", "you are simply mistaken", "you are simply wrong", "you are totally incorrect", "you are totally mistaken", "you are totally wrong", "you are wrong", "you got it wrong", "you got that wrong", "you misinterpreted", "you misread", "you misunderstood", "you're clearly incorrect", "you're clearly mistaken", "you're clearly wrong", "you're completely incorrect", "you're completely mistaken", "you're completely wrong", "you're incorrect", "you're just incorrect", "you're just mistaken", "you're just wrong", "you're mistaken", "you're simply incorrect", "you're simply mistaken", "you're simply wrong", "you're totally incorrect", "you're totally mistaken", "you're totally wrong", "you're wrong"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\byou(?:'re| are)? (?:such )?(?:an? )?(?:(?:complete|total|absolute|utter|fucking|stupid|bloody|little) )?(?:idiot|moron|imbecile|fool|clown|jerk|liar|troll|retard|dumbass|loser|amateur|noob|n00b|halfwit|dimwit|twit|ignoramus)s?\\b|\\b(?:you(?:'re| are)|are you) (?:so |really |being |just |too |that |completely |totally |clearly |obviously )*(?:stupid|dumb|clueless|incompetent|lazy|dense|thick|ignorant|illiterate|blind|pathetic|useless|hopeless|retarded)\\b|(?:^|[.!?,;]\\s*)(?:just |please |now |oh )?(?:shut up|get lost|grow up|get a life)\\b",
        Info {
            gates: &[],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\byou(?:'re| are|'ve been| have been)? (?:doing|did|set|typed|entered|configured|installed|plugged|used|filled) (?:it|this|that|them|everything|the \\w+)(?: up| in| out)? (?:wrong|wrongly|incorrectly|improperly|the wrong way)\\b|\\byou(?:'re| are) using (?:it|this|the \\w+) wrong\\b",
        Info {
            gates: &[&["you are configured ", "you are did ", "you are doing ", "you are entered ", "you are filled ", "you are installed ", "you are plugged ", "you are set ", "you are typed ", "you are used ", "you are using it wrong", "you are using the ", "you are using this wrong", "you configured ", "you did ", "you doing ", "you entered ", "you filled ", "you have been configured ", "you have been did ", "you have been doing ", "you have been entered ", "you have been filled ", "you have been installed ", "you have been plugged ", "you have been set ", "you have been typed ", "you have been used ", "you installed ", "you plugged ", "you set ", "you typed ", "you used ", "you're configured ", "you're did ", "you're doing ", "you're entered ", "you're filled ", "you're installed ", "you're plugged ", "you're set ", "you're typed ", "you're used ", "you're using it wrong", "you're using the ", "you're using this wrong", "you've been configured ", "you've been did ", "you've been doing ", "you've been entered ", "you've been filled ", "you've been installed ", "you've been plugged ", "you've been set ", "you've been typed ", "you've been used "], &[" improperly", " incorrectly", " wrong"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\byou(?:'ve| have)? (?:caused|created|triggered|introduced|started) (?:the|this|that|these|all (?:of )?(?:the|this|these)|a|an)\\s+(?:\\w+\\s+)?(?:problem|problems|issue|issues|outage|outages|error|errors|crash|crashes|mess|damage|failure|lockout|conflict|conflicts|loop|trouble)\\b|\\b(?:caused|triggered) by you\\b",
        Info {
            gates: &[&["caused by you", "triggered by you", "you caused ", "you created ", "you have caused ", "you have created ", "you have introduced ", "you have started ", "you have triggered ", "you introduced ", "you started ", "you triggered ", "you've caused ", "you've created ", "you've introduced ", "you've started ", "you've triggered "], &["caused by you", "conflict", "crash", "damage", "error", "failure", "issue", "lockout", "loop", "mess", "outage", "problem", "triggered by you", "trouble"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\byou(?:'ve| have)? (?:just |simply |again |deliberately |repeatedly |unilaterally |completely |then |now |also )?(?:removed|deleted|reverted|undid|undone|blanked|wiped|overwrote|overwritten|violated|evaded|misrepresented|misquoted|twisted|ignored)\\b",
        Info {
            gates: &[&["you ", "you've "], &["blanked", "deleted", "evaded", "ignored", "misquoted", "misrepresented", "overwritten", "overwrote", "removed", "reverted", "twisted", "undid", "undone", "violated", "wiped"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
    (
        "\\byour (?:own )?(?:mistake|mistakes|carelessness|negligence)\\b|\\b(?:a |an )?(?:mistake|error|oversight|negligence) on your (?:part|side|end)\\b",
        Info {
            gates: &[&["error on your end", "error on your part", "error on your side", "mistake on your end", "mistake on your part", "mistake on your side", "negligence on your end", "negligence on your part", "negligence on your side", "oversight on your end", "oversight on your part", "oversight on your side", "your carelessness", "your mistake", "your negligence", "your own carelessness", "your own mistake", "your own negligence"]],
            captures: &[None],
            matches_empty: false,
        },
    ),
];
