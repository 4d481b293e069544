//! `check` and `build` with `--format human|json|github`, run as the real binary: where
//! each goes, what each line holds, GitHub's escaping, and the exit codes.

mod common;

use std::process::Output;

use common::*;

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The small site with an error whose message holds `%`, `:`, `,` and a newline (an
/// unknown key, quoted in TOML), a warning without a line, and an error in a file whose
/// name holds `,` and `:`.
fn broken_site() -> TempSite {
    let site = TempSite::new(&small_site());
    site.write(
        "content/actors/bob-jones.md",
        "+++\nname = \"Bob Jones\"\nkind = \"person\"\n\"100%: a,b\\nc\" = 1\n+++\n",
    );
    site.write("content/notes.txt", "stray");
    site.write(
        "content/positions/a,b:c.md",
        "+++\ntitle = \"T\"\nsummary = \"S\"\n+++\n",
    );
    site
}

const ACTOR_HINT: &str = "the keys of an actor are name, kind, aliases, match, role, affiliation, wikidata, links, image, updates";

#[test]
fn json_prints_one_object_per_line_on_stdout() {
    let site = broken_site();
    for command in ["check", "build"] {
        let o = explainer(&[command, "--format", "json"], site.root());
        assert_eq!(o.status.code(), Some(1), "{}", err(&o));
        let lines: Vec<serde_json::Value> = out(&o)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
            .collect();
        assert_eq!(lines.len(), 3, "{lines:#?}");
        let key = &lines[0];
        assert_eq!(key["severity"], "error");
        assert_eq!(key["file"], "content/actors/bob-jones.md");
        assert_eq!(key["line"], 4);
        assert_eq!(key["column"], 1);
        assert_eq!(key["message"], "unknown key \"100%: a,b\nc\"");
        assert_eq!(key["hint"], ACTOR_HINT);
        let stray = &lines[1];
        assert_eq!(stray["severity"], "warning");
        assert_eq!(stray["file"], "content/notes.txt");
        assert!(stray["line"].is_null() && stray["column"].is_null() && stray["hint"].is_null());
        assert_eq!(lines[2]["file"], "content/positions/a,b:c.md");
        assert_eq!(lines[2]["hint"], "rename it to \"a-b-c.md\"");
        // Only the summary is on stderr, in words.
        assert_eq!(err(&o), "2 errors found; nothing was written\n");
    }
}

#[test]
fn github_prints_escaped_workflow_commands_under_the_prefix() {
    let site = broken_site();
    let args = [
        "check",
        "--format",
        "github",
        "--path-prefix",
        "./sites/news/",
    ];
    let o = explainer(&args, site.root());
    assert_eq!(o.status.code(), Some(1));
    let got: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    let key = format!(
        "::error file=sites/news/content/actors/bob-jones.md,line=4,col=1,title=explainer::unknown key \"100%25: a,b%0Ac\" ({ACTOR_HINT})"
    );
    assert_eq!(
        got,
        [
            key.as_str(),
            "::warning file=sites/news/content/notes.txt,title=explainer::ignored: content/ holds only site.toml and the folders articles, actors, positions, annotations, events",
            "::error file=sites/news/content/positions/a%2Cb%3Ac.md,line=1,title=explainer::bad file name \"a,b:c.md\": a name is lower-case letters and digits in words joined by single hyphens (rename it to \"a-b-c.md\")",
        ]
    );
    assert_eq!(err(&o), "2 errors found; nothing was written\n");
}

#[test]
fn human_stays_on_stderr_and_a_clean_site_prints_nothing_for_machines() {
    let site = broken_site();
    let o = explainer(&["check", "--path-prefix", "site"], site.root());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(out(&o), "");
    assert!(
        err(&o).starts_with("error: site/content/actors/bob-jones.md:4: unknown key"),
        "{}",
        err(&o)
    );
    // Probe D20: the prefix's empty and `.` parts are left out, as GitHub reads paths.
    let o = explainer(&["check", "--path-prefix", "site//./x/"], site.root());
    assert!(
        err(&o).starts_with("error: site/x/content/actors/bob-jones.md:4: unknown key"),
        "{}",
        err(&o)
    );
    let clean = TempSite::new(&small_site());
    for format in ["json", "github"] {
        let o = explainer(&["build", "--format", format], clean.root());
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        assert_eq!(out(&o), "");
        assert!(err(&o).starts_with("built "), "{}", err(&o));
    }
    let o = explainer(&["check", "--format", "xml"], clean.root());
    assert_eq!(o.status.code(), Some(2));
}

/// Names that name nothing had no column, and those of one line came out in the
/// alphabetical order of their messages, not in the order written (probe).
#[test]
fn an_unknown_name_is_located_at_its_column_in_the_order_written() {
    let site = TempSite::new(&small_site());
    site.write(
        "content/positions/second.md",
        "+++\ntitle = \"T\"\nsummary = \"S\"\nrelated = [\"talks\", \"zed\", \"ghost\", \"second\"]\n\n[[stances]]\nactor = \"nobody\"\nstance = \"supports\"\nsource_url = \"https://e.org/a\"\n+++\n",
    );
    let o = explainer(&["check", "--format", "json"], site.root());
    let located: Vec<(u64, u64, String)> = out(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|d| d["file"] == "content/positions/second.md")
        .map(|d| {
            let n = |k: &str| d[k].as_u64().unwrap_or_else(|| panic!("{k} of {d}"));
            (
                n("line"),
                n("column"),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        located,
        [
            (4, 21, "unknown related position \"zed\"".to_string()),
            (4, 28, "unknown related position \"ghost\"".to_string()),
            (4, 37, "a position cannot be related to itself".to_string()),
            (7, 9, "unknown actor \"nobody\"".to_string()),
        ]
    );
}

/// `actor = "story"` for the article `story` was only "unknown actor" (probe).
#[test]
fn a_name_of_another_kind_says_whose_it_is() {
    let site = TempSite::new(&small_site());
    site.write(
        "content/positions/second.md",
        "+++\ntitle = \"T\"\nsummary = \"S\"\n\n[[stances]]\nactor = \"story\"\nstance = \"supports\"\nsource_url = \"https://e.org/a\"\n+++\n",
    );
    let o = explainer(&["check"], site.root());
    assert!(
        err(&o).contains("error: content/positions/second.md:6: unknown actor \"story\" (that is the name of content/articles/story.md, which is not one of the actors)"),
        "{}",
        err(&o)
    );
}
