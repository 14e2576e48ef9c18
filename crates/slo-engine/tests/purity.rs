//! Architecture invariant: the engine depends on nothing from the web platform.
//!
//! Asks cargo for the engine's full dependency tree (normal and build dependencies,
//! transitively) and fails if any web crate appears in it.

use std::process::Command;

const WEB_CRATES: [&str; 8] = [
    "yew",
    "web-sys",
    "js-sys",
    "gloo",
    "wasm-bindgen",
    "plotters-canvas",
    "stdweb",
    "wasm-bindgen-futures",
];

#[test]
fn engine_has_no_web_dependency() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            "slo-engine",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8(output.stdout).unwrap();
    assert!(
        tree.contains("slo-engine"),
        "unexpected cargo tree output: {tree}"
    );
    for line in tree.lines() {
        let name = line.split_whitespace().next().unwrap_or_default();
        assert!(
            !WEB_CRATES
                .iter()
                .any(|web| name == *web || name.starts_with("gloo")),
            "slo-engine depends on the web crate {name}; move that code to the app"
        );
    }
}
