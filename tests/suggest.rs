//! `suggest`: the names an article has that no actor covers, read as a writer reads
//! them (a possessive or a bracket ends a name, a title before a name is not part of
//! it), each with a slug in ASCII and the advice that covers it.

mod common;

use common::*;

#[test]
fn suggest_lists_the_names_no_actor_covers() {
    let site = TempSite::new(&[
        ("content/site.toml", "title = \"COP\"\n"),
        (
            "content/articles/cop.md",
            "+++\ntitle = \"Talks\"\ndate = 2025-11-20\n+++\n\nColombian President Gustavo Petro said the COP30 text was weak. Saudi Arabia objected.\n\nIn Belém, Petro met officials of the European Union. Brazil hosted the talks.\n\nPetro left. The European Union stayed in Belém.\n",
        ),
        (
            "content/actors/gustavo-petro.md",
            "+++\nname = \"Gustavo Petro\"\nkind = \"person\"\n+++\n\nPresident of Colombia.\n",
        ),
        (
            "content/actors/brazil.md",
            "+++\nname = \"Brazil\"\nkind = \"state\"\n+++\n\nThe host.\n",
        ),
    ]);
    let o = explainer(&["suggest"], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "\
5 names in the text that no actor covers, most frequent first:
   2× Belém           p2,p3         explainer new actor belem --kind KIND
   2× Petro           p2,p3         add \"Petro\" to the aliases in content/actors/gustavo-petro.md
   2× European Union  p2,p3         explainer new actor european-union --kind organisation
   1× COP30           p1            explainer new actor cop30 --kind organisation
   1× Saudi Arabia    p1            explainer new actor saudi-arabia --kind KIND
KIND is person, state or organisation.
"
    );
    let o = explainer(&["suggest", "--article", "nope"], site.root());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("there is no article \"nope\""));
}

#[test]
fn suggest_on_the_project_article_finds_only_uncovered_names() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = explainer(&["suggest"], root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    // Every actor of the story is covered; no sentence-start word or title is listed.
    for covered in [
        "Trump",
        "NATO",
        "Ukraine",
        "Zelenskyy",
        "Macron",
        "Witkoff",
        "Putin",
    ] {
        assert!(
            !out.contains(&format!(" {covered} ")),
            "{covered} listed:\n{out}"
        );
    }
    for word in [
        "However",
        "Instead",
        "The ",
        "President",
        "Speaking",
        "This",
    ] {
        assert!(!out.contains(word), "{word} listed:\n{out}");
    }
}

#[test]
fn a_new_actor_is_spelt_as_the_article_spells_it_and_suggest_says_when_it_is_not() {
    let site = TempSite::new(&[
        ("content/site.toml", "title = \"Media\"\n"),
        (
            "content/articles/story.md",
            "+++\ntitle = \"Story\"\ndate = 2025-11-20\n+++\n\nThe BBC News chief spoke. BBC News said so.\n\nThe ITV News desk and ITV News agreed.\n",
        ),
        (
            "content/actors/itv-news.md",
            "+++\nname = \"Itv News\"\nkind = \"organisation\"\n+++\n\nA broadcaster.\n",
        ),
    ]);
    let o = explainer(
        &["new", "actor", "bbc-news", "--kind", "organisation"],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "wrote content/actors/bbc-news.md (named \"BBC News\", as the article spells it)\n"
    );
    let md = std::fs::read_to_string(site.root().join("content/actors/bbc-news.md")).unwrap();
    assert!(
        md.starts_with("+++\nname = \"BBC News\"\nkind = \"organization\"\n"),
        "{md}"
    );
    assert!(md.contains("a short profile of BBC News"), "{md}");
    // "organisation" in a file is the kind the command line takes: it checks.
    let o = explainer(&["suggest"], site.root());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "\
1 name in the text that no actor covers, most frequent first:
   2× ITV News  p2            content/actors/itv-news.md names it \"Itv News\": write name = \"ITV News\" as the article does
KIND is person, state or organisation.
"
    );
}

#[test]
fn suggest_starts_a_shortened_name_with_its_full_name_from_the_standfirst() {
    let site = TempSite::new(&[
        ("content/site.toml", "title = \"Election\"\n"),
        (
            "content/articles/story.md",
            "+++\ntitle = \"Story\"\ndate = 2005-03-14\ndek = \"Tony Blair answers his critics.\"\n+++\n\nThe speech came late. Blair said so.\n\nLater, Blair repeated it.\n",
        ),
    ]);
    let o = explainer(&["suggest"], site.root());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "\
1 name in the text that no actor covers, most frequent first:
   3× Tony Blair  dek,p1,p2     explainer new actor tony-blair --kind KIND
KIND is person, state or organisation.
"
    );
    let o = explainer(
        &["new", "actor", "tony-blair", "--kind", "person"],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = explainer(&["suggest"], site.root());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "\
1 name in the text that no actor covers, most frequent first:
   2× Blair  p1,p2         add \"Blair\" to the aliases in content/actors/tony-blair.md
KIND is person, state or organisation.
"
    );
}

#[test]
fn suggest_offers_no_placeholder_as_a_name() {
    // Probe: on a site `new` had just started, the placeholder `TODO:` was offered as an
    // actor to add.
    let site = TempSite::new(&[("content/site.toml", "title = \"T\"\n")]);
    let o = explainer(&["new", "article", "first"], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = explainer(&["suggest"], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("TODO"), "{out}");
}

/// A site with one article whose text is `text`, and the actors `actors` (file, text).
fn site_with(text: &str, actors: &[(&str, &str)]) -> TempSite {
    let article = format!("+++\ntitle = \"Story\"\ndate = 2025-08-18\n+++\n\n{text}\n");
    let mut files = vec![
        (
            "content/site.toml".to_string(),
            "title = \"T\"\n".to_string(),
        ),
        ("content/articles/story.md".to_string(), article),
    ];
    for (slug, front) in actors {
        files.push((
            format!("content/actors/{slug}.md"),
            format!("+++\n{front}\n+++\n\nA profile.\n"),
        ));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    TempSite::new(&borrowed)
}

fn suggest(site: &TempSite) -> String {
    let o = explainer(&["suggest"], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_possessive_or_a_bracket_ends_a_name() {
    // "Ukraine’s NATO bid" was one name, "Ukraine NATO", and neither Ukraine nor NATO
    // was offered; "European Union (EU)" was "European Union EU".
    let site = site_with(
        "Ukraine’s NATO bid failed. NATO said no. NATO members met.\n\nThe speech named the United States ruling out Ukraine’s NATO entry. The European Union (EU) met.",
        &[],
    );
    assert_eq!(
        suggest(&site),
        "\
5 names in the text that no actor covers, most frequent first:
   4× NATO            p1,p2         explainer new actor nato --kind organisation
   2× Ukraine         p1,p2         explainer new actor ukraine --kind KIND
   1× United States   p2            explainer new actor united-states --kind state
   1× European Union  p2            explainer new actor european-union --kind organisation
   1× EU              p2            explainer new actor eu --kind organisation
KIND is person, state or organisation.
"
    );
}

#[test]
fn names_in_any_script_get_a_slug_of_their_own() {
    // Both names had the slug `actor`, and once one was started the other was advised
    // to be written into it.
    let site = site_with("ΑΘΗΝΑ and Владимир Путин spoke.", &[]);
    assert_eq!(
        suggest(&site),
        "\
2 names in the text that no actor covers, most frequent first:
   1× ΑΘΗΝΑ           p1            explainer new actor athena --kind KIND
   1× Владимир Путин  p1            explainer new actor vladimir-putin --kind KIND
KIND is person, state or organisation.
"
    );
    let o = explainer(&["new", "actor", "athena", "--kind", "person"], site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("named \"ΑΘΗΝΑ\""), "{}", stderr(&o));
    assert_eq!(
        suggest(&site),
        "\
1 name in the text that no actor covers, most frequent first:
   1× Владимир Путин  p1            explainer new actor vladimir-putin --kind KIND
KIND is person, state or organisation.
"
    );
}

#[test]
fn two_names_of_one_slug_are_never_renamed_into_each_other() {
    // Suggest advised renaming the actor "Jose Muller" to "José Müller": another person,
    // perhaps, whose name folds to the same slug.
    let site = site_with("José Müller met Jose Muller.", &[]);
    let o = explainer(
        &["new", "actor", "jose-muller", "--kind", "person"],
        site.root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = std::fs::read_to_string(site.root().join("content/actors/jose-muller.md")).unwrap();
    let (kept, other) = if md.contains("name = \"Jose Muller\"") {
        ("Jose Muller", "José Müller")
    } else {
        ("José Müller", "Jose Muller")
    };
    let out = suggest(&site);
    assert!(!out.contains("write name ="), "{out}");
    assert!(
        out.contains(&format!(
            "1× {other}  p1            if \"{other}\" is \"{kept}\", add it to the aliases in content/actors/jose-muller.md; if not, start its actor with another slug\n"
        )),
        "{out}"
    );
}

#[test]
fn a_name_inside_an_actors_name_is_a_mention_not_an_alias_to_add() {
    // "Ministry" of "the Finance Ministry" and "Charles III" of "King Charles III" (a
    // title dropped from the front) were offered as aliases of the actors they stand in.
    let site = site_with(
        "The Finance Ministry said so. He met the Finance Ministry.\n\nKing Charles III spoke. Lloyd’s of London paid.",
        &[
            (
                "finance-ministry",
                "name = \"Finance Ministry\"\nkind = \"organisation\"",
            ),
            (
                "king-charles-iii",
                "name = \"King Charles III\"\nkind = \"person\"",
            ),
            (
                "lloyds-of-london",
                "name = \"Lloyd's of London\"\nkind = \"organisation\"",
            ),
        ],
    );
    assert_eq!(
        suggest(&site),
        "every capitalised name in the text is covered by an actor's name or alias\n"
    );
    let newsroom = TempSite::fixture("newsroom");
    let out = suggest(&newsroom);
    assert!(!out.contains("Ministry"), "{out}");
}

#[test]
fn uk_and_us_are_listed_as_states() {
    // "UK" was never listed (it was dropped as a title's qualifier), and "US" was
    // offered as an organisation.
    let site = site_with(
        "He met the UK. The US said no. UK Prime Minister Keir Starmer spoke.",
        &[],
    );
    assert_eq!(
        suggest(&site),
        "\
3 names in the text that no actor covers, most frequent first:
   1× UK            p1            explainer new actor uk --kind state
   1× US            p1            explainer new actor us --kind state
   1× Keir Starmer  p1            explainer new actor keir-starmer --kind KIND
KIND is person, state or organisation.
"
    );
    // A text without names does not say that actors cover them.
    let site = site_with("He met them there.", &[]);
    assert_eq!(
        suggest(&site),
        "the text has no capitalised name or acronym\n"
    );
}

#[test]
fn an_actor_whose_name_has_a_curly_apostrophe_covers_its_name() {
    // The text's blocks fold ’ to ', the names of actors did not: "Mary O’Neill" was
    // suggested though her actor existed, and adding the alias "Mary O'Neill" was then
    // refused as her name already.
    let site = site_with(
        "Mary O’Neill spoke. Later Mary O'Neill left.",
        &[("mary-o-neill", "name = \"Mary O’Neill\"\nkind = \"person\"")],
    );
    assert_eq!(
        suggest(&site),
        "every capitalised name in the text is covered by an actor's name or alias\n"
    );
}

#[test]
fn suggest_makes_no_suggestion_while_an_article_or_actor_does_not_read() {
    // An article that did not read was "no capitalised name", and an actor that did not
    // read was offered as a new actor of its own slug, which `new` then refused.
    for (file, text) in [
        (
            "content/articles/story.md",
            "+++\ntitle = \"Story\"\ndate = \"x\"\n+++\n\nMary O’Neill spoke.\n",
        ),
        (
            "content/actors/mary-o-neill.md",
            "+++\nname = \"Mary O’Neill\"\nkind = \"persn\"\n+++\n\nA profile.\n",
        ),
    ] {
        let site = site_with(
            "Mary O’Neill spoke.",
            &[("mary-o-neill", "name = \"Mary O’Neill\"\nkind = \"person\"")],
        );
        site.write(file, text);
        let o = explainer(&["suggest"], site.root());
        assert_eq!(
            o.status.code(),
            Some(1),
            "{file}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        assert!(o.stdout.is_empty(), "{file}");
        let err = stderr(&o);
        assert!(err.contains(&format!("error: {file}:")), "{err}");
        assert!(
            err.contains("`suggest` reads every article and actor"),
            "{err}"
        );
    }
}

#[test]
fn short_titles_particles_and_numbered_names_are_read_as_names() {
    // "Dr. Jones" and "Gen. Milley" were dropped (the dot taken for a sentence's end),
    // "Gen" was offered as an actor, "Ursula von der Leyen" was two names, and
    // "COVID-19" was "COVID".
    let site = site_with(
        "The mayor met Mr. Smith and Dr. Jones on Monday. The talks with Gen. Milley ended. Ursula von der Leyen spoke. COVID-19 spread.",
        &[],
    );
    let out = suggest(&site);
    let names: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_once("× "))
        .map(|(_, rest)| rest.split("  ").next().unwrap().trim())
        .collect();
    assert_eq!(
        names,
        [
            "Smith",
            "Jones",
            "Milley",
            "Ursula von der Leyen",
            "COVID-19"
        ],
        "{out}"
    );
}

/// The slug offered for a new actor was an article's or a position's, which `new`
/// refuses, and the next `suggest` offered it again (probe).
#[test]
fn a_new_actors_slug_is_one_no_article_or_position_has() {
    let site = TempSite::new(&[
        ("content/site.toml", "title = \"Town\"\n"),
        (
            "content/articles/main-street.md",
            "+++\ntitle = \"Works\"\ndate = 2025-11-20\n+++\n\nThe works on Main Street start. The Green Corridor waits.\n",
        ),
        (
            "content/positions/green-corridor.md",
            "+++\ntitle = \"Build the corridor\"\nsummary = \"S\"\n+++\n",
        ),
    ]);
    let o = explainer(&["suggest"], site.root());
    let said = String::from_utf8_lossy(&o.stdout).to_string();
    let commands: Vec<&str> = said
        .lines()
        .filter_map(|l| l.split("  ").last())
        .filter(|c| c.starts_with("explainer new actor"))
        .collect();
    assert_eq!(
        commands,
        [
            "explainer new actor main-street-actor --kind KIND",
            "explainer new actor green-corridor-actor --kind KIND"
        ],
        "{said}"
    );
    // Followed as written, each command works.
    for command in commands {
        let args: Vec<&str> = command
            .split(' ')
            .skip(1)
            .map(|a| if a == "KIND" { "organisation" } else { a })
            .collect();
        let o = explainer(&args, site.root());
        assert_eq!(o.status.code(), Some(0), "{command}: {}", stderr(&o));
    }
}
