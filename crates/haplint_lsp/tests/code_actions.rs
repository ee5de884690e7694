//! Diagnostics as the client sees them, and the code actions on them.

mod support;

use serde_json::{Value, json};
use support::{TestClient, uri};

const UNITLESS: &str = "defaults\n    mode http\n    timeout connect 5000\n    timeout client 30s\n    timeout server 30s\n";

async fn actions(client: &mut TestClient, doc: &str, line: u32, only: Option<&str>) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(kind) = only {
        context["only"] = json!([kind]);
    }
    client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": doc},
                "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 40}},
                "context": context,
            }),
        )
        .await
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The edits of an action on `doc`.
fn edits(action: &Value, doc: &str) -> Vec<Value> {
    action["edit"]["changes"][doc]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn diagnostics_carry_code_link_related_information_and_tags() {
    let mut client = TestClient::start().await;
    let doc = uri("fields.cfg");
    let text = "global\n    stats socket /run/haproxy.sock\n# haplint: ignore[nothing-here]\ndefaults\n    mode http\n    timeout client 30s\nfrontend a\n    bind :80\nfrontend b\n    bind :80\n";
    let found = client.open_and_lint(&doc, text).await;
    let conflict = found
        .iter()
        .find(|diagnostic| diagnostic["code"] == "port-conflict")
        .expect("port conflict");
    assert_eq!(conflict["source"], "haplint");
    assert!(
        conflict["codeDescription"]["href"]
            .as_str()
            .is_some_and(|href| href.starts_with("https://")),
        "{conflict}"
    );
    let related = &conflict["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], doc.as_str());
    assert_eq!(
        related["location"]["range"]["start"]["line"], 7,
        "{conflict}"
    );
    let unused = found
        .iter()
        .find(|diagnostic| diagnostic["code"] == "unused-suppression")
        .expect("unused suppression");
    assert_eq!(unused["tags"], json!([1]), "{unused}");
}

#[tokio::test]
async fn fixes_are_quick_fixes_and_safe_ones_preferred() {
    let mut client = TestClient::start().await;
    let doc = uri("fix.cfg");
    client.open_and_lint(&doc, UNITLESS).await;
    let found = actions(&mut client, &doc, 2, None).await;
    let fix = found
        .iter()
        .find(|action| action["title"] == "Write the unit `ms`")
        .expect("fix");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "timeout-without-unit");
    assert_eq!(
        edits(fix, &doc),
        vec![
            json!({"range": {"start": {"line": 2, "character": 24}, "end": {"line": 2, "character": 24}}, "newText": "ms"})
        ]
    );
}

#[tokio::test]
async fn suppress_on_this_line_appends_or_extends_the_comment() {
    let mut client = TestClient::start().await;
    let doc = uri("suppress.cfg");
    client.open_and_lint(&doc, UNITLESS).await;
    let found = actions(&mut client, &doc, 2, Some("quickfix")).await;
    let suppress = found
        .iter()
        .find(|action| action["title"] == "Suppress `timeout-without-unit` on this line")
        .expect("suppress action");
    assert_eq!(
        edits(suppress, &doc)[0]["newText"],
        " # haplint: ignore[timeout-without-unit]"
    );
    assert_eq!(
        edits(suppress, &doc)[0]["range"]["start"],
        json!({"line": 2, "character": 24})
    );
    // With a suppression comment already there, the rule joins it.
    let doc2 = uri("suppress2.cfg");
    let text = "frontend www # haplint: ignore[missing-timeout]\n    default_backend nowhere # haplint: ignore[unused-backend]\n";
    client.open_and_lint(&doc2, text).await;
    let found = actions(&mut client, &doc2, 1, None).await;
    let suppress = found
        .iter()
        .find(|action| action["title"] == "Suppress `undefined-backend` on this line")
        .expect("suppress action");
    let edit = &edits(suppress, &doc2)[0];
    assert_eq!(edit["newText"], ", undefined-backend");
    assert_eq!(edit["range"]["start"], json!({"line": 1, "character": 60}));
}

#[tokio::test]
async fn fix_all_applies_safe_fixes() {
    let mut client = TestClient::start().await;
    let doc = uri("fixall.cfg");
    client.open_and_lint(&doc, UNITLESS).await;
    let found = actions(&mut client, &doc, 0, Some("source.fixAll")).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["kind"], "source.fixAll.haplint");
    let new_text = edits(&found[0], &doc)[0]["newText"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    assert!(new_text.contains("timeout connect 5000ms\n"), "{new_text}");
    // Nothing else was asked for: no quick fixes.
    assert!(found.iter().all(|action| action["kind"] != "quickfix"));
}

#[tokio::test]
async fn actions_for_an_unknown_document_are_empty() {
    let mut client = TestClient::start().await;
    let found = actions(&mut client, &uri("never-opened.cfg"), 0, None).await;
    assert!(found.is_empty());
}

/// `text` with LSP `edits` applied (ASCII text: characters are bytes).
fn applied(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap_or(0) as usize;
        let character = position["character"].as_u64().unwrap_or(0) as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + character
    };
    let mut ranges: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|edit| {
            (
                offset(&edit["range"]["start"]),
                offset(&edit["range"]["end"]),
                edit["newText"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    ranges.sort_by_key(|(start, end, _)| std::cmp::Reverse((*start, *end)));
    let mut result = text.to_owned();
    for (start, end, new_text) in ranges {
        result.replace_range(start..end, &new_text);
    }
    result
}

const TYPO: &str = "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n\ndefaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    timeout http-request 10s\n\nfrontend www\n    bind :80\n    use_backend be_apii if { path_beg /api }\n    default_backend be_web\n\nbackend be_api\n    server api1 10.0.0.1:8080 check\n\nbackend be_web\n    server web1 10.0.0.2:8080 check\n";

#[tokio::test]
async fn a_misspelled_backend_offers_the_closest_name_and_to_create_it() {
    let mut client = TestClient::start().await;
    let doc = uri("typo.cfg");
    client.open_and_lint(&doc, TYPO).await;
    let found = actions(&mut client, &doc, 12, Some("quickfix")).await;
    let replace = found
        .iter()
        .find(|action| action["title"] == "Replace with `be_api`")
        .expect("did-you-mean fix");
    assert_eq!(
        replace["isPreferred"], false,
        "an unsafe fix is not preferred"
    );
    assert!(applied(TYPO, &edits(replace, &doc)).contains("use_backend be_api if"));
    let create = found
        .iter()
        .find(|action| action["title"] == "Create backend `be_apii` (review its server address)")
        .expect("create backend");
    let created = applied(TYPO, &edits(create, &doc));
    assert!(
        created.ends_with(
            "backend be_web\n    server web1 10.0.0.2:8080 check\n\nbackend be_apii\n    server be_apii1 127.0.0.1:8080 check\n"
        ),
        "{created}"
    );
    // The new backend is what the reference needed: it is now defined.
    let doc2 = uri("typo-created.cfg");
    let after = client.open_and_lint(&doc2, &created).await;
    assert!(
        after
            .iter()
            .all(|diagnostic| diagnostic["code"] != "undefined-backend"),
        "{after:?}"
    );
}

#[tokio::test]
async fn an_anonymous_acl_is_extracted_into_a_named_one_above_its_rule() {
    let mut client = TestClient::start().await;
    let doc = uri("extract.cfg");
    let before = client.open_and_lint(&doc, TYPO).await;
    let found = actions(&mut client, &doc, 12, Some("refactor")).await;
    assert_eq!(found.len(), 1, "{found:?}");
    let extract = &found[0];
    assert_eq!(extract["kind"], "refactor.extract");
    assert_eq!(extract["title"], "Extract into a named ACL `path_beg_api`");
    let extracted = applied(TYPO, &edits(extract, &doc));
    assert!(
        extracted.contains(
            "    bind :80\n    acl path_beg_api path_beg /api\n    use_backend be_apii if path_beg_api\n"
        ),
        "{extracted}"
    );
    // The same findings as before (the misspelled backend), no new one.
    let doc2 = uri("extracted.cfg");
    let after = client.open_and_lint(&doc2, &extracted).await;
    let codes = |found: &[Value]| -> Vec<Value> {
        found
            .iter()
            .map(|diagnostic| diagnostic["code"].clone())
            .collect()
    };
    assert_eq!(codes(&after), codes(&before), "{after:?}");
    // A line without braces has nothing to extract.
    let none = actions(&mut client, &doc, 13, Some("refactor")).await;
    assert!(none.is_empty(), "{none:?}");
}

#[tokio::test]
async fn a_name_with_several_close_candidates_gets_one_fix_per_candidate() {
    let mut client = TestClient::start().await;
    let doc = uri("candidates.cfg");
    let text = TYPO.replace(
        "backend be_web\n",
        "backend be_apx\n    server apx1 10.0.0.3:8080 check\n\nbackend be_web\n",
    );
    client.open_and_lint(&doc, &text).await;
    let found = actions(&mut client, &doc, 12, Some("quickfix")).await;
    let mut titles: Vec<&str> = found
        .iter()
        .filter_map(|action| action["title"].as_str())
        .filter(|title| title.starts_with("Replace with"))
        .collect();
    titles.sort_unstable();
    assert_eq!(
        titles,
        vec!["Replace with `be_api`", "Replace with `be_apx`"],
        "{found:?}"
    );
}

#[tokio::test]
async fn upgrade_action_rewrites_removed_directives_for_the_target() {
    let mut client =
        TestClient::start_with(json!({}), json!({"debounceMs": 0, "targetVersion": "3.2"})).await;
    let doc = uri("upgrade.cfg");
    let legacy = "defaults\n    mode http\n    contimeout 5000\n    clitimeout 50000\n    srvtimeout 50000\n    redispatch\n";
    client.open_and_lint(&doc, legacy).await;
    let found = actions(&mut client, &doc, 2, Some("source.upgrade")).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["title"], "Upgrade this file to HAProxy 3.2");
    assert_eq!(found[0]["kind"], "source.upgrade.haplint");
    let new_text = edits(&found[0], &doc)[0]["newText"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    assert_eq!(
        new_text,
        "defaults\n    mode http\n    timeout connect 5000\n    timeout client 50000\n    timeout server 50000\n    option redispatch\n"
    );
    // Not a fix-all: saving with `source.fixAll` does not upgrade.
    let on_save = actions(&mut client, &doc, 2, Some("source.fixAll")).await;
    assert!(
        on_save
            .iter()
            .all(|action| action["kind"] != "source.upgrade.haplint")
    );
}

#[tokio::test]
async fn no_upgrade_action_when_nothing_is_removed() {
    let mut client = TestClient::start().await;
    let doc = uri("current.cfg");
    client.open_and_lint(&doc, UNITLESS).await;
    let found = actions(&mut client, &doc, 0, Some("source.upgrade")).await;
    assert!(found.is_empty(), "{found:?}");
}

const MISSING_SECTIONS: &str = "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n\ndefaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    timeout http-request 10s\n\nfrontend www\n    bind :80\n    http-request auth unless { http_auth(admins) }\n    http-request cache-use pages\n    http-response cache-store pages\n    default_backend app\n\nbackend app\n    server a 10.0.0.1:80 resolvers dns\n\nuserlist ops\n";

/// On a reference to a section that is not defined, "Create ..." adds
/// it with a body HAProxy accepts (checked with HAProxy 2.6 and 3.2),
/// after the last section of its kind, and the finding goes away.
#[tokio::test]
async fn a_missing_userlist_resolvers_or_cache_is_created() {
    let mut client = TestClient::start().await;
    let doc = uri("missing.cfg");
    client.open_and_lint(&doc, MISSING_SECTIONS).await;
    let cases = [
        (
            12,
            "Create userlist `admins` (add its users)",
            "userlist ops\n\nuserlist admins\n",
        ),
        (
            13,
            "Create cache `pages` (review its size, in megabytes)",
            "userlist ops\n\ncache pages\n    total-max-size 4\n",
        ),
        (
            18,
            "Create resolvers `dns`",
            "userlist ops\n\nresolvers dns\n    parse-resolv-conf\n",
        ),
    ];
    for (line, title, expected) in cases {
        let found = actions(&mut client, &doc, line, Some("quickfix")).await;
        let create = found
            .iter()
            .find(|action| action["title"] == title)
            .unwrap_or_else(|| panic!("{title}: {found:?}"));
        let created = applied(MISSING_SECTIONS, &edits(create, &doc));
        assert!(created.contains(expected), "{title}: {created}");
        let checked = uri(&format!("created-{line}.cfg"));
        let after = client.open_and_lint(&checked, &created).await;
        let name = title.split('`').nth(1).unwrap_or_default();
        let still: Vec<&Value> = after
            .iter()
            .filter(|diagnostic| diagnostic["code"] == "undefined-reference")
            .collect();
        assert!(!still.is_empty(), "{title}: the other references remain");
        assert!(
            still.iter().all(|diagnostic| !diagnostic["message"]
                .as_str()
                .unwrap_or("")
                .contains(&format!("`{name}`"))),
            "{title}: {still:?}"
        );
    }
    // A defined name gets no such action.
    let found = actions(&mut client, &doc, 11, Some("quickfix")).await;
    assert!(
        found
            .iter()
            .all(|action| !action["title"].as_str().unwrap_or("").starts_with("Create")),
        "{found:?}"
    );
}

const SEVERAL_CANDIDATES: &str = "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n\ndefaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    timeout http-request 10s\n\nfrontend www\n    bind :80\n    acl is_api path_beg /api\n    acl is_app path_beg /app\n    http-request deny if !is_apx\n    default_backend app\n\nbackend app\n    server a 10.0.0.1:80 resolvers dnsc\n\nresolvers dnsa\n    parse-resolv-conf\n\nresolvers dnsb\n    parse-resolv-conf\n";

/// A name two defined names are equally close to: one fix per candidate,
/// for an ACL (staying negated) and for a section reference alike.
#[tokio::test]
async fn every_close_acl_or_section_name_gets_its_own_fix() {
    let mut client = TestClient::start().await;
    let doc = uri("candidates.cfg");
    client.open_and_lint(&doc, SEVERAL_CANDIDATES).await;
    for (line, candidates, expected) in [
        (14, ["is_api", "is_app"], "    http-request deny if !{}\n"),
        (
            18,
            ["dnsa", "dnsb"],
            "    server a 10.0.0.1:80 resolvers {}\n",
        ),
    ] {
        let found = actions(&mut client, &doc, line, Some("quickfix")).await;
        for candidate in candidates {
            let title = format!("Replace with `{candidate}`");
            let replace = found
                .iter()
                .filter(|action| action["title"] == title.as_str())
                .collect::<Vec<_>>();
            assert_eq!(replace.len(), 1, "{title}: {found:?}");
            let fixed = applied(SEVERAL_CANDIDATES, &edits(replace[0], &doc));
            assert!(
                fixed.contains(&expected.replace("{}", candidate)),
                "{title}: {fixed}"
            );
        }
    }
}

const REPEATED: &str = "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n\ndefaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    timeout http-request 10s\n\nfrontend www\n    bind :80\n    option forwardfor\n    default_backend app\n\nbackend app\n    option forwardfor\n    server a 10.0.0.1:80 check\n";

/// The action asked for by its kind on the line of `line`.
async fn move_actions(client: &mut TestClient, doc: &str, line: u32) -> Vec<Value> {
    actions(client, doc, line, Some("refactor.rewrite")).await
}

/// A setting every proxy of a `defaults` writes the same goes there once;
/// the findings stay the same (here: none), and the lines are gone from
/// the proxies.
#[tokio::test]
async fn a_setting_repeated_in_every_proxy_moves_into_their_defaults() {
    let mut client = TestClient::start().await;
    let doc = uri("repeated.cfg");
    let before = client.open_and_lint(&doc, REPEATED).await;
    let found = move_actions(&mut client, &doc, 12).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0]["title"],
        "Move `option forwardfor` into `defaults` (set identically in its 2 proxies)"
    );
    let moved = applied(REPEATED, &edits(&found[0], &doc));
    assert_eq!(
        moved,
        "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n\ndefaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    timeout http-request 10s\n    option forwardfor\n\nfrontend www\n    bind :80\n    default_backend app\n\nbackend app\n    server a 10.0.0.1:80 check\n"
    );
    let after = client.open_and_lint(&uri("moved.cfg"), &moved).await;
    assert_eq!(after.len(), before.len(), "{after:?}");
}

/// Not offered where the move would change what a proxy gets.
#[tokio::test]
async fn a_setting_is_not_moved_when_a_proxy_differs_or_defaults_disagree() {
    let mut client = TestClient::start().await;
    let cases = [
        // One proxy says otherwise.
        REPEATED.replacen(
            "    option forwardfor\n    server",
            "    option forwardfor if-none\n    server",
            1,
        ),
        // The defaults already set it to something else.
        REPEATED.replacen(
            "    timeout client 30s\n",
            "    timeout client 30s\n    option forwardfor except 127.0.0.1\n",
            1,
        ),
        // Under `.if`, the line exists only when the condition holds.
        REPEATED.replacen(
            "    option forwardfor\n    server",
            ".if defined(X)\n    option forwardfor\n.endif\n    server",
            1,
        ),
        // The backend uses another (named) defaults: only one proxy is left.
        REPEATED.replacen(
            "\nbackend app\n",
            "\ndefaults other\n    mode http\n\nbackend app from other\n",
            1,
        ),
    ];
    for (number, text) in cases.iter().enumerate() {
        let doc = uri(&format!("not-moved-{number}.cfg"));
        client.open_and_lint(&doc, text).await;
        let found = move_actions(&mut client, &doc, 12).await;
        assert!(found.is_empty(), "case {number}: {found:?}\n{text}");
    }
    // `bind` adds up instead of overriding: never moved.
    let doc = uri("bind.cfg");
    client.open_and_lint(&doc, REPEATED).await;
    assert!(move_actions(&mut client, &doc, 11).await.is_empty());
}

const MISSPELLED_OPTION: &str = "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n\ndefaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend www\n    bind :80\n    option httplo\n    default_backend app\n\nbackend app\n    server a 10.0.0.1:80 check\n";

/// An unknown keyword close to several keywords of its section: the
/// finding's own fix writes the closest, and each other close keyword
/// gets its own fix, which writes it in place of the misspelled words.
#[tokio::test]
async fn an_unknown_keyword_gets_one_fix_per_close_keyword() {
    let mut client = TestClient::start().await;
    let doc = uri("option.cfg");
    let found_diagnostics = client.open_and_lint(&doc, MISSPELLED_OPTION).await;
    assert!(
        found_diagnostics
            .iter()
            .any(|diagnostic| diagnostic["code"] == "unknown-keyword"),
        "{found_diagnostics:?}"
    );
    let found = actions(&mut client, &doc, 11, Some("quickfix")).await;
    let replace: Vec<&Value> = found
        .iter()
        .filter(|action| {
            action["title"]
                .as_str()
                .is_some_and(|title| title.starts_with("Replace with `option "))
        })
        .collect();
    let titles: Vec<&str> = replace
        .iter()
        .filter_map(|action| action["title"].as_str())
        .collect();
    assert!(
        titles.contains(&"Replace with `option httplog`"),
        "{titles:?}"
    );
    assert!(titles.len() >= 2, "{titles:?}");
    // One action per candidate, each writing its own keyword.
    let mut unique = titles.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), titles.len(), "{titles:?}");
    for action in replace {
        let title = action["title"].as_str().unwrap_or_default();
        let keyword = title
            .trim_start_matches("Replace with `")
            .trim_end_matches('`');
        let fixed = applied(MISSPELLED_OPTION, &edits(action, &doc));
        assert!(
            fixed.contains(&format!("\n    {keyword}\n")),
            "{title}: {fixed}"
        );
    }
}

/// On a condition naming an ACL its proxy lacks, "Create ACL" defines it
/// on the line above the use (HAProxy reads the name there), indented like
/// it; the finding goes and no other appears.
#[tokio::test]
async fn a_missing_acl_is_created_above_its_use() {
    let mut client = TestClient::start().await;
    let doc = uri("acl.cfg");
    let before = client.open_and_lint(&doc, SEVERAL_CANDIDATES).await;
    let found = actions(&mut client, &doc, 14, Some("quickfix")).await;
    let title = "Create ACL `is_apx` (write its criterion: it never matches as created)";
    let create = found
        .iter()
        .find(|action| action["title"] == title)
        .unwrap_or_else(|| panic!("{title}: {found:?}"));
    let created = applied(SEVERAL_CANDIDATES, &edits(create, &doc));
    assert!(
        created.contains("    acl is_apx always_false\n    http-request deny if !is_apx\n"),
        "{created}"
    );
    let checked = uri("acl-created.cfg");
    let after = client.open_and_lint(&checked, &created).await;
    let codes = |found: &[Value]| -> Vec<String> {
        found
            .iter()
            .filter_map(|diagnostic| diagnostic["code"].as_str().map(str::to_owned))
            .filter(|code| code != "undefined-acl")
            .collect()
    };
    assert!(
        after
            .iter()
            .all(|diagnostic| diagnostic["code"] != "undefined-acl"),
        "{after:?}"
    );
    assert_eq!(codes(&after), codes(&before), "{after:?}");
    // A defined ACL gets no such action.
    let found = actions(&mut client, &doc, 12, Some("quickfix")).await;
    assert!(
        found.iter().all(|action| !action["title"]
            .as_str()
            .unwrap_or("")
            .starts_with("Create ACL")),
        "{found:?}"
    );
}

const MISSPELLED_STEPS: &str = "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n\ndefaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend www\n    bind :80\n    http-request set-heder X-Foo bar\n    http-request deny if { req.hdrr(host) -m str example.com }\n    default_backend app\n\nbackend app\n    server a 10.0.0.1:80 check\n";

/// A misspelled action or sample fetch close to several: one fix per
/// close name, each writing it in place of the misspelled word only (the
/// fetch keeps its argument).
#[tokio::test]
async fn a_misspelled_action_or_fetch_gets_one_fix_per_close_name() {
    let mut client = TestClient::start().await;
    let doc = uri("steps.cfg");
    client.open_and_lint(&doc, MISSPELLED_STEPS).await;
    for (line, closest, written) in [
        (11, "set-header", "    http-request {} X-Foo bar\n"),
        (
            12,
            "req.hdr",
            "    http-request deny if { {}(host) -m str example.com }\n",
        ),
    ] {
        let found = actions(&mut client, &doc, line, Some("quickfix")).await;
        let replace: Vec<&Value> = found
            .iter()
            .filter(|action| {
                action["title"]
                    .as_str()
                    .is_some_and(|title| title.starts_with("Replace with"))
            })
            .collect();
        let titles: Vec<&str> = replace
            .iter()
            .filter_map(|action| action["title"].as_str())
            .collect();
        assert!(
            titles.contains(&format!("Replace with `{closest}`").as_str()),
            "{titles:?}"
        );
        assert!(titles.len() >= 2, "{titles:?}");
        for action in replace {
            let title = action["title"].as_str().unwrap_or_default();
            let name = title
                .trim_start_matches("Replace with `")
                .trim_end_matches('`');
            let fixed = applied(MISSPELLED_STEPS, &edits(action, &doc));
            assert!(
                fixed.contains(&written.replacen("{}", name, 1)),
                "{title}: {fixed}"
            );
        }
    }
}
