//! Architecture invariants of the layers below the UI, checked on cargo's dependency
//! graph (normal and build dependencies, transitively):
//! - no layer below the UI depends on the web platform;
//! - each layer depends only on the layers beneath it: the engine on no other layer,
//!   the charts on the engine alone (they know nothing of the plan), the plan on the
//!   charts and the engine.

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

/// The layers, lowest first.
const LAYERS: [&str; 3] = ["slo-engine", "slo-charts", "slo-plan"];

/// The names of every package `package` depends on, itself included.
fn dependencies(package: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            package,
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
    let names: Vec<String> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    assert!(
        names.iter().any(|n| n == package),
        "unexpected cargo tree output: {tree}"
    );
    names
}

#[test]
fn no_layer_below_the_ui_depends_on_the_web() {
    for layer in LAYERS {
        for name in dependencies(layer) {
            assert!(
                !WEB_CRATES
                    .iter()
                    .any(|web| name == *web || name.starts_with("gloo")),
                "{layer} depends on the web crate {name}; move that code to the app"
            );
        }
    }
}

#[test]
fn each_layer_depends_only_on_the_layers_beneath_it() {
    for (i, layer) in LAYERS.iter().enumerate() {
        let names = dependencies(layer);
        for above in &LAYERS[i + 1..] {
            assert!(
                !names.iter().any(|n| n == above),
                "{layer} depends on {above}, a layer above it"
            );
        }
    }
}
