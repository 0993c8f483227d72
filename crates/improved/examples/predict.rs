//! Classifies the images of an IDX file with a saved network.
//!
//! Run (after training and saving a model with the `mnist` example):
//!
//! ```text
//! cargo run --release -p improved --example mnist -- --save mnist.model
//! cargo run --release -p improved --example predict -- --model mnist.model \
//!     --images data/mnist/t10k-images-idx3-ubyte.gz \
//!     --labels data/mnist/t10k-labels-idx1-ubyte.gz
//! ```
//!
//! Loads the model (`improved::model_file`), reads the images (raw or
//! gzip-compressed IDX, kept as bytes), divides every pixel by 255 as in
//! training (10,000 images at a time), and
//! prints the first predictions with the network's confidence. With
//! `--labels` it also prints a classification report and the accuracy, which
//! for the MNIST test images is the test accuracy the `mnist` example
//! printed when it saved the model.
//!
//! Flags: `--model FILE`, `--images IDX`, `--labels IDX` (optional),
//! `--show N` (predictions to print, default 10), `--json` (one JSON object
//! on the last line).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use data::IdxImages;
use data::metrics::{ClassificationReport, Summary};
use improved::{MlpNeuralNetwork, argmax};
use serde::Serialize;

mod common;

/// Classify the images of an IDX file with a saved network.
#[derive(Parser, Debug)]
#[command(name = "predict")]
struct Options {
    /// A model saved by `--example mnist -- --save FILE`.
    #[arg(long)]
    model: PathBuf,
    /// An IDX images file, raw or .gz.
    #[arg(long)]
    images: PathBuf,
    /// Its IDX labels file: print the accuracy and a report.
    #[arg(long)]
    labels: Option<PathBuf>,
    /// Print the first N predictions.
    #[arg(long, default_value_t = 10)]
    show: usize,
    /// Print one JSON object with the results on the last line.
    #[arg(long)]
    json: bool,
}

/// The `--json` line.
#[derive(Serialize)]
struct Results {
    images: usize,
    hidden: usize,
    #[serde(flatten)]
    summary: Option<Summary>,
}

/// Images converted to numbers at a time: memory stays near the file's one
/// byte per pixel instead of eight.
const IMAGES_AT_ONCE: usize = 10_000;

/// Checks that the images fit the network's inputs.
fn check_size(net: &MlpNeuralNetwork, images: &IdxImages, o: &Options) -> Result<(), String> {
    let size = images.image_size();
    if size != net.inputs() {
        return Err(format!(
            "{}: images of {}x{} = {size} pixels, but the model {} takes {} inputs: \
             expected images of the size it was trained on",
            o.images.display(),
            images.rows,
            images.cols,
            o.model.display(),
            net.inputs()
        ));
    }
    Ok(())
}

/// The predicted class of every image, and the outputs of the first `show`.
type Classified = (Vec<usize>, Vec<Vec<f64>>);

/// Classifies every image, [`IMAGES_AT_ONCE`] at a time.
fn classify(
    net: &mut MlpNeuralNetwork,
    images: &IdxImages,
    o: &Options,
) -> Result<Classified, Box<dyn std::error::Error>> {
    let (mut predicted, mut shown) = (Vec::new(), Vec::new());
    predicted.try_reserve_exact(images.count)?;
    for start in (0..images.count).step_by(IMAGES_AT_ONCE) {
        let end = (start + IMAGES_AT_ONCE).min(images.count);
        // Pixels divided by 255, as in training.
        let pixels = images.scaled(start..end, 255.0)?;
        let outputs = net
            .predict(&pixels)
            .map_err(|e| format!("model {}: {e}", o.model.display()))?;
        predicted.extend(outputs.iter().map(|out| argmax(out)));
        let room = o.show.saturating_sub(shown.len());
        shown.extend(outputs.into_iter().take(room));
    }
    Ok((predicted, shown))
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let mut net = MlpNeuralNetwork::load(&o.model)?;
    let labels = o.labels.as_ref().map(data::read_idx_labels).transpose()?;
    if let Some(path) = &o.labels {
        net.check_classes(data::MNIST_CLASSES).map_err(|e| {
            format!(
                "model {} cannot score the labels of {}: {e}",
                o.model.display(),
                path.display()
            )
        })?;
    }
    let images = data::read_idx_images(&o.images)?;
    let count = images.count;
    if let Some(labels) = &labels
        && labels.len() != count
    {
        return Err(format!(
            "{} has {count} images but {} has {} labels: expected one label per image",
            o.images.display(),
            o.labels
                .as_ref()
                .map_or(String::new(), |l| l.display().to_string()),
            labels.len()
        )
        .into());
    }
    check_size(&net, &images, o)?;
    println!(
        "model {}: {}-{}-{}, {} hidden layer, {} output; {count} images",
        o.model.display(),
        net.inputs(),
        net.hidden(),
        net.outputs(),
        net.architecture().hidden,
        net.architecture().output
    );
    let (predicted, shown) = classify(&mut net, &images, o)?;
    for (i, (output, &class)) in shown.iter().zip(&predicted).enumerate() {
        let label = labels
            .as_ref()
            .map_or(String::new(), |l| format!(", label {}", l[i]));
        println!(
            "image {i:>5}: predicted {class} (output {:.3}){label}",
            output[class]
        );
    }
    let mut results = Results {
        images: count,
        hidden: net.hidden(),
        summary: None,
    };
    if let Some(labels) = &labels {
        let report = ClassificationReport::new(labels, &predicted)?;
        println!("\n{report}");
        println!("accuracy {:.4} on {count} images", report.accuracy);
        results.summary = Some(report.summary());
    }
    if o.json {
        println!("{}", serde_json::to_string(&results)?);
    }
    Ok(())
}

fn main() -> ExitCode {
    common::exit(run(&Options::parse()))
}
