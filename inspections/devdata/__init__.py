"""Development data, apart from the product: the embedded demo (demo.py, `load_demo`, embedded
settings only) and the national-scale synthetic data set (synthetic.py, `generate_data`)."""
