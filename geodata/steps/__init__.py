"""Build steps, each a pure function from frames to frames: areas → rollup → indicators.

`geodata.build` chains them between a source and the store; none of them reads or writes files.
"""
