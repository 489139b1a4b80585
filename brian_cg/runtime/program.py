"""A generated program as data: its source files and a manifest, apart from how it runs.

The manifest says what a consumer needs without reading the sources: the operations in
schedule order (compiled or Python steps, their clock, their argument struct's fields with
C types and where each value comes from, their output buffers and spike queues), the
frame structs and the number of clocks. Loading it in-process (``cpp_loader``) is one
consumer; writing it as a project (``Program.write``) is another.
"""
import hashlib
import json
import os
from dataclasses import dataclass

__all__ = ["Program"]


@dataclass
class Program:
    """``sources``: file name -> text (the first is the main file); ``manifest``: JSON-able."""

    sources: dict
    manifest: dict

    @property
    def main_source(self):
        return next(iter(self.sources.values()))

    @property
    def digest(self):
        return self.manifest["digest"]

    @property
    def operations(self):
        return self.manifest["operations"]

    def structs(self):
        """(name, [(field, ctype)]) of every struct, frame structs first, in layout order."""
        frame = [(name, [tuple(f) for f in fields])
                 for name, fields in self.manifest["frame_structs"]]
        ops = [(op["struct"], [tuple(f[:2]) for f in op["fields"]])
               for op in self.operations if op["kind"] == "compiled"]
        return frame + ops

    def write(self, folder):
        """The sources and ``manifest.json`` into ``folder`` (created); returns the paths."""
        os.makedirs(folder, exist_ok=True)
        paths = []
        for name, text in {**self.sources,
                           "manifest.json": json.dumps(self.manifest, indent=1)}.items():
            path = os.path.join(folder, name)
            with open(path, "w") as f:
                f.write(text)
            paths.append(path)
        return paths


def text_digest(text):
    return hashlib.sha256(text.encode()).hexdigest()
