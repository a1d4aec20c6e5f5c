"""The real published area codes (the 14 Lancashire LADs, their three neighbours, NSPL county,
region and police force area codes) and the place names that the invented wards are built
from."""

from __future__ import annotations

LANCASHIRE_CTY = "E10000017"
CTRY_ENGLAND = "E92000001"
RGN_NORTH_WEST = "E12000002"
PSEUDO = "E99999999"

# code, name, main town, (second town, its outward) or None, places, outward codes,
# centre (lat, lon), spread in km, number of wards, county code in NSPL, police force area
AREA_LADS = [
    ("E06000008", "Blackburn with Darwen", "Blackburn", ("Darwen", "BB3"),
     ["Audley", "Ewood", "Mill Hill", "Livesey", "Shadsworth", "Wensley Fold", "Little Harwood",
      "Roe Lee", "Beardwood", "Lower Darwen", "Sunnyhurst", "Whitehall"],
     ["BB1", "BB2", "BB3"], (53.735, -2.475), 4.0, 11, PSEUDO),
    ("E06000009", "Blackpool", "Blackpool", None,
     ["Bispham", "Layton", "Marton", "Squires Gate", "Talbot", "Claremont", "Anchorsholme",
      "Hawes Side", "Stanley", "Warbreck", "Norbreck", "Brunswick"],
     ["FY1", "FY2", "FY3", "FY4"], (53.815, -3.035), 3.2, 11, PSEUDO),
    ("E07000117", "Burnley", "Burnley", ("Padiham", "BB12"),
     ["Rosegrove", "Gannow", "Briercliffe", "Cliviger", "Whittlefield", "Lanehead", "Trinity",
      "Rosehill", "Hapton", "Worsthorne"],
     ["BB10", "BB11", "BB12"], (53.790, -2.245), 4.0, 9, LANCASHIRE_CTY),
    ("E07000118", "Chorley", "Chorley", None,
     ["Adlington", "Buckshaw", "Clayton-le-Woods", "Coppull", "Eccleston", "Euxton",
      "Whittle-le-Woods", "Croston", "Brindle", "Heapey"],
     ["PR7", "PR6"], (53.650, -2.630), 5.0, 9, LANCASHIRE_CTY),
    ("E07000119", "Fylde", "St Anne's", ("Kirkham", "PR4"),
     ["Lytham", "Ansdell", "Fairhaven", "Warton", "Freckleton", "Wesham", "Staining", "Elswick",
      "Ribby", "Heyhouses"],
     ["FY8", "PR4"], (53.755, -2.960), 5.5, 8, LANCASHIRE_CTY),
    ("E07000120", "Hyndburn", "Accrington", ("Oswaldtwistle", "BB5"),
     ["Great Harwood", "Rishton", "Clayton-le-Moors", "Church", "Huncoat", "Baxenden",
      "Altham", "Milnshaw", "Spring Hill"],
     ["BB5", "BB6"], (53.755, -2.365), 3.2, 8, LANCASHIRE_CTY),
    ("E07000121", "Lancaster", "Lancaster", ("Morecambe", "LA4"),
     ["Heysham", "Carnforth", "Bolton-le-Sands", "Halton", "Scotforth", "Bulk", "Skerton",
      "Torrisholme", "Bare", "Galgate", "Silverdale", "Overton"],
     ["LA1", "LA3", "LA4", "LA2", "LA5"], (54.050, -2.790), 8.0, 11, LANCASHIRE_CTY),
    ("E07000122", "Pendle", "Nelson", ("Colne", "BB8"),
     ["Brierfield", "Barnoldswick", "Earby", "Trawden", "Barrowford", "Foulridge", "Higham",
      "Reedley", "Waterside"],
     ["BB9", "BB8", "BB18"], (53.860, -2.190), 5.0, 8, LANCASHIRE_CTY),
    ("E07000123", "Preston", "Preston", None,
     ["Fulwood", "Ashton-on-Ribble", "Ribbleton", "Deepdale", "Ingol", "Larches", "Moor Park",
      "Plungington", "Cadley", "Broughton", "Grimsargh", "Lea"],
     ["PR1", "PR2", "PR3"], (53.770, -2.700), 4.0, 11, LANCASHIRE_CTY),
    ("E07000124", "Ribble Valley", "Clitheroe", None,
     ["Whalley", "Longridge", "Billington", "Read", "Sabden", "Chatburn", "Ribchester",
      "Wilpshire", "Mellor", "Gisburn"],
     ["BB7", "PR3"], (53.880, -2.420), 8.0, 8, LANCASHIRE_CTY),
    ("E07000125", "Rossendale", "Rawtenstall", ("Haslingden", "BB4"),
     ["Bacup", "Whitworth", "Helmshore", "Waterfoot", "Stacksteads", "Edenfield",
      "Crawshawbooth", "Goodshaw"],
     ["BB4", "OL13"], (53.695, -2.280), 4.0, 8, LANCASHIRE_CTY),
    ("E07000126", "South Ribble", "Leyland", None,
     ["Penwortham", "Bamber Bridge", "Walton-le-Dale", "Lostock Hall", "Farington", "Longton",
      "Hutton", "Samlesbury", "Much Hoole", "Seven Stars"],
     ["PR25", "PR26", "PR5", "PR4"], (53.715, -2.670), 4.5, 9, LANCASHIRE_CTY),
    ("E07000127", "West Lancashire", "Ormskirk", ("Skelmersdale", "WN8"),
     ["Burscough", "Aughton", "Parbold", "Upholland", "Tarleton", "Hesketh Bank", "Rufford",
      "Scarisbrick", "Halsall", "Digmoor", "Tanhouse"],
     ["L39", "L40", "WN8"], (53.585, -2.860), 7.0, 9, LANCASHIRE_CTY),
    ("E07000128", "Wyre", "Fleetwood", ("Poulton", "FY6"),
     ["Thornton", "Cleveleys", "Garstang", "Preesall", "Knott End", "Hambleton", "Carleton",
      "Catterall", "Pilling", "Great Eccleston"],
     ["FY7", "FY5", "FY6", "PR3"], (53.900, -2.960), 7.0, 9, LANCASHIRE_CTY),
]

# Neighbours outside the VRN area: real LAD codes, synthetic wards/LSOAs/postcodes.
OUTSIDE_LADS = [
    ("E08000010", "Wigan", ["Standish", "Shevington", "Orrell"], ["WN6", "WN5"],
     (53.575, -2.680), 3.0, "E11000001", "E23000005"),
    ("E08000014", "Sefton", ["Southport Central", "Ainsdale"], ["PR8", "PR9"],
     (53.640, -3.005), 3.0, "E11000002", "E23000004"),
    ("E06000064", "Westmorland and Furness", ["Kirkby Lonsdale", "Arnside", "Milnthorpe"],
     ["LA6", "LA5", "LA7"], (54.205, -2.690), 5.0, PSEUDO, "E23000002"),
]

# Ward names that exercise quoting and punctuation (placed deliberately).
FORCED_WARD_NAMES = {"E07000124": "Bowland, Newton and Slaidburn"}

INVENTED_NAMES = ["Brookfield", "Oakhill", "Larkside", "Moorview", "Hollinbank", "Fernlea",
                  "Ashgrove", "Kingsmead", "Riversway", "Thornleigh", "Highfield", "Greenbank",
                  "Willowdene", "Beechwood", "Castle Hill", "Millbrook", "Cherry Tree",
                  "Heatherlea", "Fox Hill", "Linden Park"]

INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
