"""What-if tools for the steering group: compare, sweep, plan and simulate scenarios.

`overrides` changes one scenario into another (`--vary KEY=VALUES`); `runner` runs many
independent matchings on local processes or a Dask cluster, with the same results.
"""
