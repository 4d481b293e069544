//! The tables of keys of `schema` agree with their serde shapes.

use super::*;

/// The keys serde knows for `T`, in order, as its error for an unknown key lists them.
fn serde_keys<T: DeserializeOwned + std::fmt::Debug>() -> Vec<String> {
    let e = toml::from_str::<T>("\"?\" = 1").unwrap_err();
    let listed = e.message().split_once("expected").unwrap().1;
    listed
        .split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

/// `example` (every key of `schema`, all valid) parses as `T`; without any one
/// key it still does, unless the key is required, when serde says it is missing.
fn agrees<T: DeserializeOwned + std::fmt::Debug>(schema: &Schema, example: &str) {
    let names: Vec<&str> = schema.names().collect();
    assert_eq!(serde_keys::<T>(), names, "{}", schema.what);
    let full = DeTable::parse(example).unwrap();
    let present: Vec<&str> = full
        .get_ref()
        .keys()
        .map(|k| k.get_ref().as_ref())
        .collect();
    for name in &names {
        assert!(
            present.contains(name),
            "{}: the example lacks {name}",
            schema.what
        );
    }
    T::deserialize(toml::de::Deserializer::from(full.clone())).unwrap();
    for k in schema.keys {
        let mut table = DeTable::new();
        for (key, value) in full.get_ref().iter() {
            if key.get_ref() != k.name {
                table.insert(key.clone(), value.clone());
            }
        }
        let table = Spanned::new(full.span(), table);
        let got = T::deserialize(toml::de::Deserializer::from(table));
        let missing = got.is_err_and(|e| e.message() == format!("missing field `{}`", k.name));
        assert_eq!(missing, k.required.is_some(), "{}: {}", schema.what, k.name);
    }
}

#[test]
fn every_schema_agrees_with_its_serde_shape() {
    agrees::<SiteFront>(
        &SITE,
        "title = \"T\"\ndescription = \"D\"\nlanguage = \"en\"\nbase_url = \"https://e.org/\"\ncards = false\n[sources]\navoid = [\"e.com\"]\n[pagination]\npage_size = 20\n[matrix]\nrows = 30\ncolumns = 8\n[images]\nallow = [\"e.org\"]\n[publisher]\nname = \"N\"\nurl = \"https://e.org/\"\nlogo = \"logo.png\"\n",
    );
    agrees::<SourcesFront>(&SOURCES, "avoid = [\"e.com\"]");
    agrees::<PaginationFront>(&PAGINATION, "page_size = 20");
    agrees::<MatrixFront>(&MATRIX, "rows = 30\ncolumns = 8");
    agrees::<ImagesFront>(&IMAGES, "allow = [\"e.org\", \"*.e.com\"]");
    agrees::<ImageFront>(
        &IMAGE,
        "src = \"a.png\"\nalt = \"A\"\ncredit = \"C\"\nwidth = 4\nheight = 3\n",
    );
    agrees::<ArticleFront>(
        &ARTICLE,
        "title = \"T\"\ndate = 2025-01-02\ndek = \"D\"\nbyline = \"B\"\nsource = \"S\"\nsource_url = \"https://e.org\"\ndateline = \"L\"\npicture = \"P\"\nimage = { src = \"a.png\", alt = \"A\" }\nimage_caption = \"C\"\nimage_credit = \"R\"\nupdates = [{ date = 2025-01-03, text = \"U\" }]\n",
    );
    agrees::<LinkFront>(&LINK, "title = \"T\"\nurl = \"https://e.org\"\n");
    agrees::<ActorFront>(
        &ACTOR,
        "name = \"N\"\nkind = \"state\"\naliases = [\"A\"]\nmatch = [\"M\"]\nrole = \"R\"\naffiliation = \"x\"\nwikidata = \"Q1\"\nlinks = [{ title = \"T\", url = \"https://e.org\" }]\nimage = { src = \"a.png\", alt = \"A\" }\nupdates = [{ date = 2025-01-03, text = \"U\" }]\n",
    );
    agrees::<UpdateFront>(&UPDATE, "date = 2025-01-03\ntext = \"U\"\n");
    agrees::<StanceFront>(
        &STANCE,
        "actor = \"a\"\nstance = \"mixed\"\nquote = \"Q\"\narticle = \"x\"\nsource_url = \"https://e.org\"\nnote = \"N\"\n",
    );
    agrees::<PositionFront>(
        &POSITION,
        "title = \"T\"\nsummary = \"S\"\nquestion = \"Q\"\nrelated = [\"r\"]\nupdates = [{ date = 2025-01-03, text = \"U\" }]\n[[stances]]\nactor = \"a\"\nstance = \"mixed\"\nquote = \"Q\"\n",
    );
    agrees::<AnnotationFront>(
        &ANNOTATION,
        "article = \"a\"\nquote = \"Q\"\nprefix = \"P\"\nsuffix = \"S\"\nkind = \"fact-check\"\ntitle = \"T\"\nverdict = \"V\"\nsources = [{ title = \"T\", url = \"https://e.org\" }]\nactors = [\"x\"]\npositions = [\"y\"]\nauthor = { name = \"A\" }\ndate = 2025-01-02\nupdates = [{ date = 2025-01-03, text = \"U\" }]\n",
    );
}
