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
//! gzip-compressed IDX), divides every pixel by 255 as in training, and
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

/// The images' pixels divided by 255, after checking they fit the network.
fn pixels(net: &MlpNeuralNetwork, images: IdxImages, o: &Options) -> Result<Vec<f64>, String> {
    let size = images.rows * images.cols;
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
    Ok(images.pixels.into_iter().map(|p| p / 255.0).collect())
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let mut net = MlpNeuralNetwork::load(&o.model)?;
    let labels = o.labels.as_ref().map(data::read_idx_labels).transpose()?;
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
    let pixels = pixels(&net, images, o)?;
    println!(
        "model {}: {}-{}-{}, {} hidden layer, {} output; {count} images",
        o.model.display(),
        net.inputs(),
        net.hidden(),
        net.outputs(),
        net.architecture().hidden,
        net.architecture().output
    );
    let outputs = net.predict(&pixels)?;
    let predicted: Vec<usize> = outputs.iter().map(|o| argmax(o)).collect();
    for (i, (output, &class)) in outputs.iter().zip(&predicted).take(o.show).enumerate() {
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
