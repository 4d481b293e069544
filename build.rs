//! Records the commit the binary is built from, for `explainer --version`
//! (build/commit.rs says where it comes from).

#[path = "build/commit.rs"]
mod commit;

fn main() {
    let dir = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let overriding = std::env::var("EXPLAINER_COMMIT").ok();
    println!("cargo:rerun-if-env-changed=EXPLAINER_COMMIT");
    println!("cargo:rerun-if-changed=build/commit.rs");
    let packaged = dir.join(".cargo_vcs_info.json");
    let watched = commit::watched_files(&dir);
    for file in watched.iter().chain(packaged.exists().then_some(&packaged)) {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    println!(
        "cargo:rustc-env=EXPLAINER_BUILD_COMMIT={}",
        commit::commit(&dir, overriding.as_deref())
    );
}
