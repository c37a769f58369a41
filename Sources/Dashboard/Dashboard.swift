import MeshAPI
