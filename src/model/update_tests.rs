//! Rebuilds of `serve` equal fresh builds: what `update` keeps and redoes.

use super::*;
use crate::content::{FileCache, load, load_with};
use crate::render::affected::affected;
use std::path::{Path, PathBuf};

/// A copy of the newsroom fixture, resolved as `serve` keeps it.
struct Served {
    _dir: tempfile::TempDir,
    root: PathBuf,
    files: FileCache,
    cache: AnalysisCache,
    site: Site,
    kept: Kept,
}

impl Served {
    fn new() -> Served {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newsroom");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let dest = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(entry.path(), &dest).unwrap();
            }
        }
        let root = dir.path().to_path_buf();
        let mut files = FileCache::default();
        let mut cache = AnalysisCache::default();
        let raw = load_with(&root, Some(&mut files), None).unwrap().0;
        let (site, diags, kept) = resolve_kept(raw, Some(&mut cache));
        assert_eq!(diags, []);
        Served {
            _dir: dir,
            root,
            files,
            cache,
            site,
            kept,
        }
    }

    fn load(&mut self, changed: &[&str]) -> RawSite {
        let changed = changed.iter().map(|p| p.to_string()).collect();
        load_with(&self.root, Some(&mut self.files), Some(&changed))
            .unwrap()
            .0
    }

    fn update(&mut self, changed: &[&str]) -> Result<Delta, Box<RawSite>> {
        let raw = self.load(changed);
        update(&mut self.site, &mut self.kept, raw, &self.cache)
    }

    fn resolve(&mut self, changed: &[&str]) {
        let raw = self.load(changed);
        let (site, diags, kept) = resolve_kept(raw, Some(&mut self.cache));
        assert_eq!(diags, []);
        self.site = site;
        self.kept = kept;
    }

    /// The site as resolved afresh from the files.
    fn fresh(&self) -> Site {
        let (raw, _) = load(&self.root).unwrap();
        crate::model::resolve(&raw).0
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

const BUDGET: &str = "content/articles/budget-vote.md";
const SCHOOLS: &str = "content/articles/schools.md";
const COST: &str = "content/articles/carbon-tax-cost.md";

#[test]
fn new_article_text_gives_the_site_resolve_gives() {
    let mut s = Served::new();
    let edits: &[&[(&str, &str, &str)]] = &[
        &[(BUDGET, "won the vote at 3 a.m.", "won the vote at 4 a.m.")],
        // Other actors mentioned.
        &[(
            SCHOOLS,
            "The Greens supported the plan",
            "Sam Poe supported the plan",
        )],
        // Every quote into the article a paragraph further down.
        &[(
            COST,
            "The carbon tax that Sam Poe won",
            "A first paragraph about Max Doe.\n\nThe carbon tax that Sam Poe won",
        )],
        &[(
            SCHOOLS,
            "Max Doe did not.",
            "Max Doe did not. See [[greens]].",
        )],
        // No actor mentioned any more.
        &[(
            SCHOOLS,
            "Jane Roe first promised new schools in 2019. Sam Poe supported the plan; Max Doe did not. See [[greens]].",
            "Nobody promised anything.",
        )],
        // Two articles at once.
        &[
            (BUDGET, "won the vote at 4 a.m.", "won the vote at 5 a.m."),
            (
                SCHOOLS,
                "Nobody promised anything.",
                "Max Doe promised everything.",
            ),
        ],
        // A mark moved inside the article.
        &[(
            COST,
            "Jane Roe said the tax was",
            "Max Doe and Jane Roe argued. Jane Roe said the tax was",
        )],
        // The same text again.
        &[(COST, "argued.", "argued.")],
        // A profile's text.
        &[("content/actors/max-doe.md", "repeal", "scrap")],
    ];
    for edit in edits {
        let before = s.fresh();
        for (rel, from, to) in *edit {
            s.edit(rel, from, to);
        }
        let paths: Vec<&str> = edit.iter().map(|(rel, _, _)| *rel).collect();
        let delta = s.update(&paths).unwrap_or_else(|_| panic!("{edit:?}"));
        let after = s.fresh();
        assert!(s.site == after, "{edit:?}");
        assert_eq!(
            affected(&delta.before, &delta.after),
            affected(&before, &after),
            "{edit:?}"
        );
    }
}

#[test]
fn anything_else_is_left_to_resolve() {
    let mut s = Served::new();
    let edits: &[(&str, &str, &str)] = &[
        // A quote no longer in the article.
        (COST, "he would repeal it", "he would scrap it"),
        (
            SCHOOLS,
            "Max Doe did not.",
            "Max Doe did not. See [[nobody]].",
        ),
        (BUDGET, "title = \"Parliament", "title = \"The Parliament"),
        ("content/actors/max-doe.md", "Leader of", "Head of"),
        (
            "content/actors/max-doe.md",
            "has promised",
            "has [[nobody]] promised",
        ),
        ("content/site.toml", "title = \"", "title = \"The "),
    ];
    for (rel, from, to) in edits {
        let before = s.fresh();
        s.edit(rel, from, to);
        assert!(s.update(&[rel]).is_err(), "{rel}");
        assert!(s.site == before, "{rel}: the site is left as it was");
        s.edit(rel, to, from);
        s.resolve(&[rel]);
    }
}

#[test]
fn an_edit_reads_again_only_its_file_and_shares_the_other_folders_files() {
    let mut served = Served::new();
    let before = served.load(&[]);
    served.edit(BUDGET, "won the vote", "won the close vote");
    let after = served.load(&[BUDGET]);
    // The folders the edit did not touch are the very lists of the load before.
    assert!(Arc::ptr_eq(&before.actors, &after.actors));
    assert!(Arc::ptr_eq(&before.positions, &after.positions));
    assert!(Arc::ptr_eq(&before.annotations, &after.annotations));
    // The edited folder is new: its other files are shared, the edited one read again.
    assert!(!Arc::ptr_eq(&before.articles, &after.articles));
    for (b, a) in before.articles.iter().zip(after.articles.iter()) {
        assert_eq!(Arc::ptr_eq(b, a), a.path != BUDGET, "{}", a.path);
    }
    let budget = after.articles.iter().find(|a| a.path == BUDGET).unwrap();
    assert!(budget.body.contains("won the close vote"));
    // A file the listing does not know has every folder walked again, and found.
    let new = "content/articles/new.md";
    let text = std::fs::read_to_string(served.root.join(SCHOOLS)).unwrap();
    std::fs::write(served.root.join(new), text).unwrap();
    let walked = served.load(&[new]);
    assert!(walked.articles.iter().any(|a| a.path == new));
    assert_eq!(walked.articles.len(), after.articles.len() + 1);
    assert_eq!(walked.actors.len(), after.actors.len());
}

#[test]
fn an_edit_that_breaks_or_mends_a_file_loads_as_a_fresh_load_does() {
    let mut served = Served::new();
    served.load(&[]);
    // What a load gives that a writer sees: the files and their bodies, the problems,
    // the files that did not parse.
    let seen = |raw: &RawSite, diags: &[Diagnostic]| {
        let files: Vec<(String, String)> = (raw.articles.iter())
            .map(|a| (a.path.clone(), a.body.to_string()))
            .collect();
        let unparsed: Vec<String> = raw.unparsed.iter().map(|u| u.path.clone()).collect();
        (files, diags.to_vec(), unparsed)
    };
    let edits = [
        // Valid before and after: the file is put in place of the old one.
        ("won the vote", "won the close vote"),
        // Its front matter broken: the file does not parse.
        ("date = 2024-03-14", "date = 2024-03-"),
        // Mended.
        ("date = 2024-03-", "date = 2024-03-14"),
        // A problem of its own (an unknown key) and then none.
        ("dek = ", "deck = "),
        ("deck = ", "dek = "),
        ("won the close vote", "won the vote"),
    ];
    for (from, to) in edits {
        served.edit(BUDGET, from, to);
        let changed = [BUDGET.to_string()].into();
        let (raw, diags) =
            load_with(&served.root, Some(&mut served.files), Some(&changed)).unwrap();
        let (fresh, fresh_diags) = load(&served.root).unwrap();
        assert_eq!(seen(&raw, &diags), seen(&fresh, &fresh_diags), "{to}");
    }
}
